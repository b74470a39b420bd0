using System.Text;
using System.Text.Json;
using Ombud.Bench.Ingest.Api;
using Ombud.Bench.Ingest.Fakes;
using Ombud.Bench.Ingest.Load;

namespace Ombud.Bench.Ingest.Seeding;

/// <summary>
/// Creates the merchants and customers through the API itself. A failure that outlives its retries stops the run: orders against
/// half a world would measure 404s, and a wrong key or contract shows up here first, with the server's reason.
/// </summary>
internal sealed class WorldSeeder(PhaseRunner runner, int workers, int seed)
{
    private const int MerchantStream = 1;
    private const int CustomerStream = 2;

    /// <summary>Set-up is not measured, so a rate limit or a cold server's hiccup is retried rather than fatal.</summary>
    private const int SetupRetries = 4;

    public async Task<SeedOutcome> SeedAsync(string runId, int merchantCount, int customerCount, CancellationToken abort)
    {
        var categories = new MerchantCategory[merchantCount];
        var merchantIds = new Guid[merchantCount];
        var merchants = await runner.RunAsync(
            new PhasePlan("merchants", 0, merchantCount, workers, KeepBodies: true, SetupRetries),
            sequence =>
            {
                var (payload, category) = MerchantFaker.Create(SequenceRandom.For(seed, MerchantStream, sequence), runId, sequence);
                categories[sequence] = category;
                return ApiRequest.Json(ApiPaths.Merchants, JsonSerializer.SerializeToUtf8Bytes(payload, ApiJson.Default.MerchantPayload));
            },
            (sequence, outcome) => merchantIds[sequence] = CreatedId(outcome.Body),
            CancellationToken.None,
            abort);
        if (Failure(merchants, merchantIds) is { } merchantFailure)
        {
            return SeedOutcome.Failed(merchantFailure);
        }

        var pending = new Func<Guid, SeededCustomer>[customerCount];
        var customerIds = new Guid[customerCount];
        var customers = await runner.RunAsync(
            new PhasePlan("customers", 0, customerCount, workers, KeepBodies: true, SetupRetries),
            sequence =>
            {
                var (payload, seeded) = CustomerFaker.Create(SequenceRandom.For(seed, CustomerStream, sequence), runId, sequence);
                pending[sequence] = seeded;
                return ApiRequest.Json(ApiPaths.Customers, JsonSerializer.SerializeToUtf8Bytes(payload, ApiJson.Default.CustomerPayload));
            },
            (sequence, outcome) => customerIds[sequence] = CreatedId(outcome.Body),
            CancellationToken.None,
            abort);
        if (Failure(customers, customerIds) is { } customerFailure)
        {
            return SeedOutcome.Failed(customerFailure);
        }

        var world = new World(
            runId,
            [.. merchantIds.Select((id, i) => new SeededMerchant(id, categories[i]))],
            [.. customerIds.Select((id, i) => pending[i](id))]);
        return SeedOutcome.Seeded(world);
    }

    private static Guid CreatedId(byte[]? body)
    {
        try
        {
            return body is null ? Guid.Empty : JsonSerializer.Deserialize(body, ApiJson.Default.CreatedResource)?.Id ?? Guid.Empty;
        }
        catch (JsonException)
        {
            return Guid.Empty;
        }
    }

    private static string? Failure(PhaseResult result, Guid[] ids)
    {
        if (result.Errors.Total > 0)
        {
            var text = new StringBuilder($"creating {result.Label} failed: {result.Errors.Total:N0} of {ids.Length:N0} requests erred ({result.Errors.Summary()})");
            foreach (var (bucket, sample) in result.Errors.Samples())
            {
                text.Append($"\n  first {bucket}: {sample}");
            }

            return text.ToString();
        }

        if (result.StoppedEarly)
        {
            return $"creating {result.Label} was interrupted after {result.Completed:N0} of {ids.Length:N0}";
        }

        var missing = ids.Count(id => id == Guid.Empty);
        return missing == 0 ? null : $"creating {result.Label}: {missing:N0} 2xx responses had no GUID \"id\" in their body";
    }
}

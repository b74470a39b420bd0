using System.Globalization;
using System.Text.Json;
using Ombud.Bench.Ingest.Api;
using Ombud.Bench.Ingest.Cli;
using Ombud.Bench.Ingest.Fakes;
using Ombud.Bench.Ingest.Load;
using Ombud.Bench.Ingest.Progress;
using Ombud.Bench.Ingest.Report;
using Ombud.Bench.Ingest.Seeding;

namespace Ombud.Bench.Ingest;

/// <summary>Seed, warm up, measure, report: the whole run in the order it happens.</summary>
internal static class BenchRun
{
    private const int OrderStream = 3;

    public static async Task<int> ExecuteAsync(BenchOptions options, CancellationToken abort)
    {
        // A fresh run id keeps external ids unique when the same server is benchmarked twice, even with --seed.
        var runId = Random.Shared.Next().ToString("x8", CultureInfo.InvariantCulture);
        var seed = options.Seed ?? Random.Shared.Next();
        var progress = ProgressViews.For(options.Json);
        using var api = new ApiClient(options.BaseUrl, options.ApiKey, options.Concurrency, options.RequestTimeout);
        var runner = new PhaseRunner(api, progress);

        var cap = options.Duration is { } limit ? string.Create(CultureInfo.InvariantCulture, $"  duration cap {limit.TotalSeconds:0.#} s") : "";
        progress.Note(string.Create(CultureInfo.InvariantCulture,
            $"target {options.BaseUrl}  run {runId}  seed {seed}  concurrency {options.Concurrency}  warmup {options.Warmup:N0}  orders {options.Orders:N0}{cap}"));
        progress.Note($"plans {string.Join(", ", options.Plans)}");

        var seeded = await new WorldSeeder(runner, options.Concurrency, seed).SeedAsync(runId, options.Merchants, options.Customers, abort);
        if (seeded.World is not { } world)
        {
            await Console.Error.WriteLineAsync($"error: {seeded.Failure}");
            return abort.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Failed;
        }

        var faker = new OrderFaker(world, options.Plans);
        var perRequest = options.Batch;
        OrderPayload FakeOrder(long sequence) => faker.Create(SequenceRandom.For(seed, OrderStream, sequence), sequence);
        ApiRequest Order(long request) => perRequest == 1
            ? ApiRequest.Json(ApiPaths.Orders, JsonSerializer.SerializeToUtf8Bytes(FakeOrder(request), ApiJson.Default.OrderPayload))
            : ApiRequest.Json(ApiPaths.OrderBatches, JsonSerializer.SerializeToUtf8Bytes(
                new OrderBatchPayload([.. Enumerable.Range(0, perRequest).Select(i => request * perRequest + i)
                    .Select(n => new OrderBatchItemPayload($"{runId}-{n}", FakeOrder(n)))]),
                ApiJson.Default.OrderBatchPayload));

        // A batch answers 200 with every order's outcome: one not created is a failure the status does not show.
        long incomplete = 0;
        Action<long, PostOutcome>? checkBatch = perRequest == 1 ? null : (_, outcome) =>
        {
            var answer = JsonSerializer.Deserialize(outcome.Body, ApiJson.Default.OrderBatchAnswer);
            if (answer?.Created != perRequest)
            {
                Interlocked.Increment(ref incomplete);
            }
        };
        long Requests(int orders) => (orders + perRequest - 1) / perRequest;
        var warmupRequests = Requests(options.Warmup);

        if (options.Warmup > 0)
        {
            var warmupPlan = new PhasePlan("warmup", 0, warmupRequests, options.Concurrency, KeepBodies: perRequest > 1, Retries: 0);
            var warmup = await runner.RunAsync(warmupPlan, Order, checkBatch, CancellationToken.None, abort);
            if (warmup.Errors.Total > 0)
            {
                progress.Note($"warmup errors: {warmup.Errors.Summary()}");
                TextReport.WriteSamples(warmup.Errors, Console.Error);
            }

            // Every order refused means the payload and the API disagree; measuring that would only time the refusal.
            if (warmup.Succeeded == 0 && !abort.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("error: no warmup order was accepted; not measuring");
                return ExitCodes.Failed;
            }
        }

        // The cap starts with the measured phase: warmup is bounded by its count alone.
        using var stop = new CancellationTokenSource();
        if (options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        var measuredPlan = new PhasePlan(perRequest == 1 ? "orders" : "batches", warmupRequests, Requests(options.Orders), options.Concurrency,
            KeepBodies: perRequest > 1, Retries: 0);
        var measured = await runner.RunAsync(measuredPlan, Order, checkBatch, stop.Token, abort);
        var figures = BenchFigures.From(measured, options.Concurrency, options.Warmup, perRequest);
        if (Interlocked.Read(ref incomplete) > 0)
        {
            await Console.Error.WriteLineAsync($"error: {incomplete} batches answered with orders not created");
            return ExitCodes.Failed;
        }
        if (options.Json)
        {
            TextReport.WriteSamples(measured.Errors, Console.Error);
            JsonReport.Write(figures, Console.Out);
        }
        else
        {
            TextReport.Write(figures, measured.Errors, Console.Out);
        }

        if (abort.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }

        return figures.Orders > 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}

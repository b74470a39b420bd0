using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Ombud.Platform.Storage;

/// <summary>
/// One pass over due <see cref="IQueuedWork"/> of one kind, the same for event deliveries and timers: claim a batch,
/// do each item in a unit of work of its own (re-read under the claim's lease, so an item another node took over is
/// left alone), record a failure with its backoff or as a dead letter, and claim again until nothing is due.
/// </summary>
public sealed class WorkPass<T>(IServiceScopeFactory scopes, TimeProvider clock, Events.EventOptions options, ILogger logger)
    where T : class, IQueuedWork
{
    /// <summary>Does one item. Runs inside the item's unit of work unless <paramref name="inUnitOfWork"/> said otherwise.</summary>
    public delegate Task<bool> Work(IServiceProvider services, T item, CancellationToken ct);

    /// <summary>Returns each claimed item with whether its work did something (false: refused, taken over, or failed).</summary>
    public async Task<IReadOnlyList<(T Item, bool Done)>> RunAsync(Expression<Func<T, bool>>? filter, Func<T, object[]> key,
        Func<T, bool> inUnitOfWork, Work work, CancellationToken ct)
    {
        var results = new List<(T, bool)>();
        while (!ct.IsCancellationRequested)
        {
            IReadOnlyList<T> claimed;
            await using (var scope = scopes.CreateAsyncScope())
            {
                claimed = await QueuedWork.ClaimAsync(scope.ServiceProvider, clock.GetUtcNow().UtcDateTime, options.LeaseTime, options.BatchSize, filter, ct);
            }

            if (claimed.Count == 0)
            {
                break;
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = ct };
            await Parallel.ForEachAsync(claimed, parallel, async (item, token) =>
            {
                var done = await DoAsync(item, key, inUnitOfWork(item), work, token);
                lock (results)
                {
                    results.Add((item, done));
                }
            });
        }

        return results;
    }

    private async Task<bool> DoAsync(T claimed, Func<T, object[]> key, bool inUnitOfWork, Work work, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            if (!inUnitOfWork)
            {
                return await work(services, claimed, ct);
            }

            var db = services.GetRequiredService<OmbudDb>();
            var outcome = await services.GetRequiredService<UnitOfWork>().RunAsync<bool>(async token =>
            {
                var item = await db.Set<T>().FindAsync(key(claimed), token);
                return item is { Status: WorkStatus.Pending } && item.Lease == claimed.Lease && await work(services, item, token);
            }, ct);
            return outcome.Succeeded ? outcome.Value : throw new InvalidOperationException(outcome.Error!.Detail);
        }
        catch (Exception failure) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(failure, "{Work} {Key} failed on attempt {Attempt}", typeof(T).Name, string.Join('/', key(claimed)), claimed.Attempts + 1);
            await RecordFailureAsync(claimed, key, failure, ct);
            return false;
        }
    }

    private async Task RecordFailureAsync(T claimed, Func<T, object[]> key, Exception failure, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(async token =>
        {
            if (await db.Set<T>().FindAsync(key(claimed), token) is { Status: WorkStatus.Pending } item && item.Lease == claimed.Lease)
            {
                var attempts = item.Attempts + 1;
                var retryAt = attempts >= options.MaxAttempts ? (DateTime?)null : clock.GetUtcNow().UtcDateTime + options.RetryDelay(attempts);
                item.Fail($"{failure.GetType().Name}: {failure.Message}", retryAt);
            }
        }, ct);
    }
}

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Ombud.Platform.Storage;

/// <summary>
/// One pass over due <see cref="IQueuedWork"/> of one kind, the same for event deliveries and timers: claim a batch,
/// do its items, record failures with their backoff or as dead letters, and claim again until nothing is due.
/// <see cref="Events.EventOptions.Parallelism"/> workers claim and work side by side.
/// </summary>
/// <remarks>
/// A batch is one unit of work: each item is re-read under the claim's lease (an item another node took over is left
/// alone), done behind a savepoint and flushed; an item that throws is rolled back to its savepoint and its failure
/// recorded in its place; the batch commits once. So an item's effect and its progress commit together, and a node
/// killed mid-batch commits nothing of it: its lease runs out and another node does the batch. Items that a person
/// waits on (<see cref="WorkCommit.Alone"/>: an offer pushed to an agent) are each a batch of one, done before the
/// rest of the claim, so they neither wait for the others' commit nor hold their rows (or SQLite's write gate) meanwhile.
/// Items whose work must not hold a transaction (an HTTP call) are done one by one outside it and finish themselves.
/// </remarks>
public sealed class WorkPass<T>(IServiceScopeFactory scopes, TimeProvider clock, Events.EventOptions options, CommitSignal commits, ILogger logger)
    where T : class, IQueuedWork
{
    private const string Savepoint = "queued_work";

    /// <summary>Does one item; returns whether it did something (false: nothing left to do).</summary>
    public delegate Task<bool> Work(IServiceProvider services, T item, CancellationToken ct);

    /// <summary>Returns each claimed item with whether its work did something (false: refused, taken over, or failed).</summary>
    /// <param name="onBatch">Told each batch's results as soon as it committed (a log line per batch, not per pass).</param>
    public async Task<IReadOnlyList<(T Item, bool Done)>> RunAsync(Expression<Func<T, bool>>? filter, Func<T, object[]> key,
        Func<T, WorkCommit> commit, Work work, CancellationToken ct, Action<IReadOnlyList<(T Item, bool Done)>>? onBatch = null)
    {
        var results = new List<(T, bool)>();
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Parallelism)).Select(_ => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                IReadOnlyList<T> claimed;
                await using (var scope = Background())
                {
                    claimed = await QueuedWork.ClaimAsync(scope.ServiceProvider, clock.GetUtcNow().UtcDateTime, options.LeaseTime, options.BatchSize, filter, ct);
                }

                if (claimed.Count == 0)
                {
                    return;
                }

                var done = new List<(T, bool)>();
                foreach (var item in claimed.Where(i => commit(i) == WorkCommit.Alone))
                {
                    done.AddRange(await BatchAsync([item], key, work, ct));
                }

                done.AddRange(await BatchAsync([.. claimed.Where(i => commit(i) == WorkCommit.Batched)], key, work, ct));
                foreach (var item in claimed.Where(i => commit(i) == WorkCommit.Outside))
                {
                    done.Add((item, await OutsideAsync(item, key, work, ct)));
                }

                onBatch?.Invoke(done);
                lock (results)
                {
                    results.AddRange(done);
                }
            }
        }, ct)));
        return results;
    }

    private async Task<List<(T, bool)>> BatchAsync(IReadOnlyList<T> batch, Func<T, object[]> key, Work work, CancellationToken ct)
    {
        var results = new List<(T, bool)>();
        if (batch.Count == 0)
        {
            return results;
        }

        await using var scope = Background();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<OmbudDb>();
        // Ours, one per item: EF's own savepoint per SaveChanges would not cover a failure before the save.
        db.Database.AutoSavepointsEnabled = false;
        var due = new HashSet<Type>();
        var committed = await services.GetRequiredService<UnitOfWork>().RunAsync(async token =>
        {
            results.Clear();
            due.Clear();
            var transaction = db.Database.CurrentTransaction!;
            foreach (var claimed in batch)
            {
                db.ChangeTracker.Clear();
                var item = await db.Set<T>().FindAsync(key(claimed), token);
                if (item is not { Status: WorkStatus.Pending } || item.Lease != claimed.Lease)
                {
                    results.Add((claimed, false));
                    continue;
                }

                await transaction.CreateSavepointAsync(Savepoint, token);
                try
                {
                    var done = await work(services, item, token);
                    var queued = new HashSet<Type>();
                    CommitSignal.CollectDue(db.ChangeTracker, clock.GetUtcNow().UtcDateTime, queued);
                    await db.SaveChangesAsync(token);
                    due.UnionWith(queued);
                    await transaction.ReleaseSavepointAsync(Savepoint, token);
                    results.Add((claimed, done));
                }
                catch (Exception failure) when (!token.IsCancellationRequested)
                {
                    await transaction.RollbackToSavepointAsync(Savepoint, token);
                    db.ChangeTracker.Clear();
                    results.Add((claimed, false));
                    if (failure is not DbUpdateConcurrencyException)
                    {
                        await RecordFailureAsync(db, claimed, key, failure, token);
                        await db.SaveChangesAsync(token);
                    }
                }
            }

            db.ChangeTracker.Clear();
        }, ct);
        if (committed.Succeeded)
        {
            // Saved item by item, so the unit of work's own save found nothing left: wake the loops whose work the
            // items queued as due now (a handler's events, a timer due at once), not this loop for its own items.
            commits.Raise(due);
        }

        return results;
    }

    private async Task<bool> OutsideAsync(T claimed, Func<T, object[]> key, Work work, CancellationToken ct)
    {
        try
        {
            await using var scope = Background();
            return await work(scope.ServiceProvider, claimed, ct);
        }
        catch (Exception failure) when (!ct.IsCancellationRequested)
        {
            await using var scope = Background();
            var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(token => RecordFailureAsync(db, claimed, key, failure, token), ct);
            return false;
        }
    }

    /// <summary>A scope whose units of work queue in the background lane of the write gate.</summary>
    private AsyncServiceScope Background()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UnitOfWork>().InBackground();
        return scope;
    }

    private async Task RecordFailureAsync(OmbudDb db, T claimed, Func<T, object[]> key, Exception failure, CancellationToken ct)
    {
        logger.LogWarning(failure, "{Work} {Key} failed on attempt {Attempt}", typeof(T).Name, string.Join('/', key(claimed)), claimed.Attempts + 1);
        if (await db.Set<T>().FindAsync(key(claimed), ct) is { Status: WorkStatus.Pending } item && item.Lease == claimed.Lease)
        {
            var attempts = item.Attempts + 1;
            var retryAt = attempts >= options.MaxAttempts ? (DateTime?)null : clock.GetUtcNow().UtcDateTime + options.RetryDelay(attempts);
            item.Fail($"{failure.GetType().Name}: {failure.Message}", retryAt);
        }
    }
}

/// <summary>How a queued work item's effect commits with its progress (<see cref="WorkPass{T}"/>).</summary>
public enum WorkCommit
{
    /// <summary>In the claim's batch: one unit of work for many items, the cheapest per item.</summary>
    Batched,

    /// <summary>
    /// In a unit of work of its own, before the batch: for work a person waits on (an offer to push, a freed agent's next
    /// offer), which must not wait for the batch's other items to commit nor keep its rows locked while they run.
    /// </summary>
    Alone,

    /// <summary>Outside any transaction (an HTTP call): the work finishes itself in a unit of work of its own.</summary>
    Outside,
}

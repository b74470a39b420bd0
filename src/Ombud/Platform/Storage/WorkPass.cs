using Microsoft.EntityFrameworkCore;

namespace Ombud.Platform.Storage;

/// <summary>
/// One pass over due <see cref="IQueuedWork"/> of one kind, the same for event deliveries and timers: claim a batch,
/// do its items, record failures with their backoff or as dead letters, and claim again while there may be more.
/// A pass starts with one worker; each claim that comes back full starts another, up to
/// <see cref="Events.EventOptions.Parallelism"/> workers of this kind side by side (all passes together), so a pass
/// with a few items due costs one claim.
/// </summary>
/// <remarks>
/// A batch is one unit of work: each item is checked under the claim's lease (an item another node took over is left
/// alone), done behind a savepoint and flushed with the rows it staged (<see cref="StagedRows"/>); an item that throws
/// is rolled back to its savepoint and its failure recorded in its place; the batch commits once. So an item's effect and its progress commit together, and a node
/// killed mid-batch commits nothing of it: its lease runs out and another node does the batch. Items that a person
/// waits on (<see cref="WorkCommit.Alone"/>: an offer pushed to an agent) are each a batch of one, done before the
/// rest of the claim, so they neither wait for the others' commit nor hold their rows (or SQLite's write gate) meanwhile.
/// The units of work of one claim share a <see cref="PassShared"/>, for facts they would otherwise each read again.
/// Items whose work must not hold a transaction (an HTTP call) are done one by one outside it and finish themselves.
/// </remarks>
public sealed class WorkPass<T>(IServiceScopeFactory scopes, TimeProvider clock, Events.EventOptions options, CommitSignal commits, ILogger logger,
    WorkRules<T> rules)
    where T : class, IQueuedWork
{
    private const string Savepoint = "queued_work";

    /// <summary>Workers of all this kind's passes at the moment: a full claim adds one only below <see cref="Events.EventOptions.Parallelism"/>.</summary>
    private int _workers;

    /// <summary>Does one item; returns whether it did something (false: nothing left to do).</summary>
    public delegate Task<bool> Work(IServiceProvider services, T item, CancellationToken ct);

    /// <summary>
    /// Reads for an item that commits alone, in its unit of work's scope before the unit opens: no transaction, and on
    /// SQLite no write gate. Whatever it finds is a hint that <see cref="Work"/> checks under the unit's locks.
    /// </summary>
    public delegate Task ReadStep(IServiceProvider services, T item, CancellationToken ct);

    /// <summary>Told each claim in the claim's scope before its items are done (to read what they all need at once).</summary>
    public delegate Task Claimed(IServiceProvider services, IReadOnlyList<T> items, CancellationToken ct);

    /// <summary>Returns each claimed item with whether its work did something (false: refused, taken over, or failed).</summary>
    /// <param name="look">Whether the first claim looks for due work first (a pass on the poll; see <see cref="QueuedWork.ClaimAsync{T}"/>).</param>
    /// <param name="onBatch">Told each batch's results as soon as it committed (a log line per batch, not per pass).</param>
    /// <param name="readFirst">The read step of items that commit alone, if their work has one.</param>
    public async Task<IReadOnlyList<(T Item, bool Done)>> RunAsync(WorkFilter? filter, Work work, bool look, CancellationToken ct,
        Action<IReadOnlyList<(T Item, bool Done)>>? onBatch = null, Claimed? onClaimed = null, ReadStep? readFirst = null)
    {
        var results = new List<(T, bool)>();
        var workers = new List<Task>();

        async Task WorkerAsync(bool lookFirst)
        {
            Interlocked.Increment(ref _workers);
            try
            {
                await ClaimAndWorkAsync(lookFirst);
            }
            finally
            {
                Interlocked.Decrement(ref _workers);
            }
        }

        async Task ClaimAndWorkAsync(bool lookFirst)
        {
            while (!ct.IsCancellationRequested)
            {
                IReadOnlyList<T> claimed;
                await using (var scope = Background())
                {
                    claimed = await QueuedWork.ClaimAsync<T>(scope.ServiceProvider, clock.GetUtcNow().UtcDateTime, options.LeaseTime, options.BatchSize,
                        filter, lookFirst, ct);
                    if (claimed.Count > 0 && onClaimed is not null)
                    {
                        await onClaimed(scope.ServiceProvider, claimed, ct);
                    }
                }

                if (claimed.Count == 0)
                {
                    return;
                }

                // A full claim says there is more: another worker claims the next batch while this one works.
                var full = claimed.Count >= options.BatchSize;
                lock (workers)
                {
                    if (full && Volatile.Read(ref _workers) < Math.Max(1, options.Parallelism))
                    {
                        workers.Add(Task.Run(() => WorkerAsync(false), ct));
                    }
                }

                var ordered = claimed.Order(rules.Order).ToList();
                var done = new List<(T, bool)>();
                var more = false;
                var shared = new PassShared();
                foreach (var item in ordered.Where(i => rules.Commit(i) == WorkCommit.Alone))
                {
                    more |= await BatchAsync([item], work, done, shared, ct, readFirst);
                }

                more |= await BatchAsync([.. ordered.Where(i => rules.Commit(i) == WorkCommit.Batched)], work, done, shared, ct);
                foreach (var item in ordered.Where(i => rules.Commit(i) == WorkCommit.Outside))
                {
                    done.Add((item, await OutsideAsync(item, work, ct)));
                }

                onBatch?.Invoke(done);
                lock (results)
                {
                    results.AddRange(done);
                }

                // A claim that was not full took everything due; only work the batch itself queued of this kind (an
                // event's handler publishing another) is new since, and this worker takes it at once.
                if (!full && !more)
                {
                    return;
                }

                lookFirst = false;
            }
        }

        lock (workers)
        {
            workers.Add(Task.Run(() => WorkerAsync(look), ct));
        }

        for (var seen = 0; ;)
        {
            Task[] running;
            lock (workers)
            {
                if (seen == workers.Count)
                {
                    break;
                }

                running = [.. workers];
            }

            await Task.WhenAll(running);
            seen = running.Length;
        }

        return results;
    }

    /// <summary>Does a batch in one unit of work; returns whether it queued more work of this kind due now.</summary>
    /// <param name="readFirst">For a batch of one item that commits alone: its read step, run before the unit of work opens.</param>
    private async Task<bool> BatchAsync(IReadOnlyList<T> batch, Work work, List<(T, bool)> done, PassShared shared, CancellationToken ct,
        ReadStep? readFirst = null)
    {
        if (batch.Count == 0)
        {
            return false;
        }

        var results = new List<(T, bool)>();
        await using var scope = Background();
        var services = scope.ServiceProvider;
        services.GetRequiredService<PassShared>().ShareWith(shared);
        var db = services.GetRequiredService<OmbudDb>();
        var staged = services.GetRequiredService<StagedRows>();
        // Ours, one per item: EF's own savepoint per SaveChanges would not cover a failure before the save.
        db.Database.AutoSavepointsEnabled = false;
        var due = new HashSet<Type>();
        // Where the batch's write time is counted: its items' name when they share one, else their kind.
        var name = rules.Name(batch[0]);
        var place = batch.All(item => rules.Name(item) == name) ? name : typeof(T).Name;
        if (readFirst is not null)
        {
            await ReadFirstAsync(readFirst, services, batch[0], ct);
        }

        var committed = await services.GetRequiredService<UnitOfWork>().RunAsync(async token =>
        {
            results.Clear();
            due.Clear();
            var transaction = db.Database.CurrentTransaction!;
            foreach (var claimed in batch)
            {
                db.ChangeTracker.Clear();
                var item = await StillClaimedAsync(db, claimed, token);
                if (item is null)
                {
                    results.Add((claimed, false));
                    continue;
                }

                await transaction.CreateSavepointAsync(Savepoint, token);
                try
                {
                    var itemDone = await work(services, item, token);
                    var queued = new HashSet<Type>(staged.QueuedWork);
                    CommitSignal.CollectDue(db.ChangeTracker, clock.GetUtcNow().UtcDateTime, queued);
                    // The rows the item staged (the events its handler published, on SQLite) go in behind its savepoint
                    // too, as the unit of work would write them: staged first, then what EF saves.
                    await staged.FlushAsync(db, token);
                    await db.SaveChangesAsync(token);
                    due.UnionWith(queued);
                    await transaction.ReleaseSavepointAsync(Savepoint, token);
                    results.Add((claimed, itemDone));
                }
                catch (Exception failure) when (!token.IsCancellationRequested)
                {
                    await transaction.RollbackToSavepointAsync(Savepoint, token);
                    db.ChangeTracker.Clear();
                    staged.Clear();
                    results.Add((claimed, false));
                    if (failure is not DbUpdateConcurrencyException)
                    {
                        await RecordFailureAsync(db, claimed, failure, token);
                        await db.SaveChangesAsync(token);
                    }
                }
            }

            db.ChangeTracker.Clear();
        }, ct, member: place);
        // A batch that did not commit (the database gave way on it at the commit) did nothing: its items stay claimed
        // and are done again once their lease runs out.
        done.AddRange(committed.Succeeded ? results : batch.Select(item => (item, false)));
        var more = committed.Succeeded && due.Remove(typeof(T));
        if (committed.Succeeded)
        {
            // Saved item by item, so the unit of work's own save found nothing left: wake the loops whose work the
            // items queued as due now (a handler's events, a timer due at once). Not this loop: its pass goes on and
            // claims that work itself (a wake would only start another pass to find it gone).
            commits.Raise(due);
        }

        return more;
    }

    /// <summary>
    /// The claimed item, tracked in this unit of work, if the claim still holds it; null if another node took it over
    /// (the lease ran out) or it was moved since. Where only a claim changes a pending item, an item within its lease
    /// is the claim's as claimed and is attached without a read; a lease's end is when another node may claim it.
    /// </summary>
    private async Task<T?> StillClaimedAsync(OmbudDb db, T claimed, CancellationToken ct)
    {
        if (rules.OnlyClaimsChangePending && clock.GetUtcNow().UtcDateTime < claimed.DueAt)
        {
            // A copy: the handler changes what it is given, and the claim stays as taken for the results.
            var item = (T)db.Entry(claimed).CurrentValues.ToObject();
            db.Attach(item);
            return item;
        }

        return await db.Set<T>().FindAsync(rules.Key(claimed), ct) is { Status: WorkStatus.Pending } read && read.Lease == claimed.Lease ? read : null;
    }

    /// <summary>
    /// Runs an item's read step. Its reads only spare the unit of work some of its own, so a step that fails is logged
    /// and the work goes on without it (the handler then reads in the unit of work, as it would without a step).
    /// </summary>
    private async Task ReadFirstAsync(ReadStep readFirst, IServiceProvider services, T item, CancellationToken ct)
    {
        try
        {
            await readFirst(services, item, ct);
        }
        catch (Exception failure) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(failure, "{Work} {Key}: its read step failed; its work reads in its unit of work instead", typeof(T).Name,
                string.Join('/', rules.Key(item)));
        }
    }

    private async Task<bool> OutsideAsync(T claimed, Work work, CancellationToken ct)
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
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(token => RecordFailureAsync(db, claimed, failure, token), ct);
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

    private async Task RecordFailureAsync(OmbudDb db, T claimed, Exception failure, CancellationToken ct)
    {
        logger.LogWarning(failure, "{Work} {Key} failed on attempt {Attempt}", typeof(T).Name, string.Join('/', rules.Key(claimed)), claimed.Attempts + 1);
        if (await db.Set<T>().FindAsync(rules.Key(claimed), ct) is { Status: WorkStatus.Pending } item && item.Lease == claimed.Lease)
        {
            var attempts = item.Attempts + 1;
            var retryAt = attempts >= options.MaxAttempts ? (DateTime?)null : clock.GetUtcNow().UtcDateTime + options.RetryDelay(attempts);
            item.Fail($"{failure.GetType().Name}: {failure.Message}", retryAt);
        }
    }
}

/// <summary>What a <see cref="WorkPass{T}"/> needs to know of its kind of work.</summary>
/// <param name="Key">The item's primary key values, for reading it again.</param>
/// <param name="Commit">How each item's work commits.</param>
/// <param name="Order">The order a claim's items are done in: as they fell due (the claim returns them in none).</param>
public sealed record WorkRules<T>(Func<T, object[]> Key, Func<T, WorkCommit> Commit, IComparer<T> Order)
    where T : class, IQueuedWork
{
    /// <summary>
    /// True when nothing but a claim changes a pending item (event deliveries; not timers, which a request may move or
    /// cancel): an item is then not read again before its work while its lease lasts. The save of its progress still
    /// checks the lease, so a claim that lost it commits nothing.
    /// </summary>
    public bool OnlyClaimsChangePending { get; init; }

    /// <summary>What an item is, for <see cref="WriteTime"/> (a delivery's subscriber, a timer's kind): its batch's place is that name.</summary>
    public Func<T, string> Name { get; init; } = _ => typeof(T).Name;
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

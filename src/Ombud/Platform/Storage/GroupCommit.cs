using System.Threading.Channels;

namespace Ombud.Platform.Storage;

/// <summary>
/// Group commit: callers hand in a piece of work and wait; work handed in while a commit is under way goes into the next
/// transaction, with everything else that arrived meanwhile (up to <see cref="MaxBatch"/>), all staged in one
/// <see cref="UnitOfWork"/>. A caller is answered only after the transaction holding its work has committed, so an
/// answer is never lost. One transaction for many callers is what lets a node take thousands of writes a second: per
/// write, the transaction and its commit (on SQLite, its turn at the <see cref="WriteGate"/>) were most of the work.
/// </summary>
/// <remarks>
/// <para>
/// A batch that does not commit (a clash, one item refused, an exception) is tried again one item at a time, each in
/// its own unit of work, so only the item at fault fails, with its own outcome; an exception there (a bug) fails that
/// caller alone. Items with the same <see cref="KeyOf"/> never share a batch: the later waits for the next, and sees
/// what the earlier wrote. When the node stops, callers still waiting are cancelled.
/// </para>
/// <para>
/// Several writers (<c>writers</c>, for a database that runs transactions side by side) each commit batches of their
/// own, one after another: all items of one key go to the same writer, so they keep their order. The database settles
/// what writers share: a batch it gave way on (a deadlock's victim, a serialization failure, <see cref="WriteClash"/>)
/// is nobody's fault and is run again on fresh data, up to <see cref="ClashAttempts"/> times, before its items go one
/// at a time; a lone item is told of a clash only when every attempt met one.
/// </para>
/// </remarks>
internal abstract class GroupCommit<TItem, TResult>(IServiceScopeFactory scopes, ILogger log, int writers = 1) : BackgroundService
{
    /// <summary>How often a batch is run when the database gave way on it each time (<see cref="WriteClash"/>).</summary>
    private const int ClashAttempts = 3;

    private readonly Writer[] _writers = [.. Enumerable.Range(0, Math.Max(1, writers)).Select(_ => new Writer())];

    /// <summary>For items without a key: the writer the last one went to.</summary>
    private int _lastWriter;

    /// <summary>At most this many items in one transaction: enough to carry a burst, few enough to keep a commit short.</summary>
    public virtual int MaxBatch => 64;

    /// <summary>What a caller is told clashed, e.g. "The risk decision" in "The risk decision changed while …".</summary>
    protected abstract string Subject { get; }

    /// <summary>
    /// Items of one key (e.g. one conversation) go into different batches, in the order they came, and always to the
    /// same writer; null: no key.
    /// </summary>
    protected virtual object? KeyOf(TItem item) => null;

    /// <summary>
    /// Stages one item's changes in the open unit of work of <paramref name="services"/> (the batch's scope, shared by
    /// the batch's items); it does not save. A refusal makes the batch go one item at a time.
    /// </summary>
    protected abstract Task<Outcome<TResult>> StageAsync(IServiceProvider services, TItem item, CancellationToken ct);

    /// <summary>
    /// Reads in the batch's unit of work, before any item stages, what its items will need (e.g. every row they hold, in
    /// one statement rather than one each); run again whenever the unit of work starts again.
    /// </summary>
    protected virtual Task PrepareAsync(IServiceProvider services, IReadOnlyList<TItem> items, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// True when <see cref="PrepareAsync"/> and <see cref="StageAsync"/> read nothing in the batch's unit of work, they
    /// only stage: on PostgreSQL the batch's staged rows then go in one round trip (<see cref="UnitOfWork.OnlyStages"/>).
    /// </summary>
    protected virtual bool OnlyStages => false;

    /// <summary>Called once a batch has committed, before its callers are answered (e.g. to note its size).</summary>
    protected virtual void Committed(IReadOnlyList<TItem> items)
    {
    }

    /// <summary>Stages the item with the next batch of its writer and answers once that batch has committed.</summary>
    protected Task<Outcome<TResult>> WithNextCommitAsync(TItem item)
    {
        var waiting = new Pending(item, new TaskCompletionSource<Outcome<TResult>>(TaskCreationOptions.RunContinuationsAsynchronously));
        var writer = KeyOf(item) is { } key ? WriterOf(key) : (int)((uint)Interlocked.Increment(ref _lastWriter) % (uint)_writers.Length);
        if (!_writers[writer].Queue.Writer.TryWrite(waiting))
        {
            throw new OperationCanceledException($"The node is stopping: {Subject.ToLowerInvariant()} was not stored.");
        }

        return waiting.Done.Task;
    }

    /// <summary>How many writers commit batches side by side.</summary>
    public int Writers => _writers.Length;

    /// <summary>The writer (0 to <see cref="Writers"/> − 1) that commits every item of this key.</summary>
    public int WriterOf(object key) => (int)((uint)key.GetHashCode() % (uint)_writers.Length);

    /// <summary>Items handed in and not yet in a batch being committed.</summary>
    public int Waiting => _writers.Sum(writer => writer.Queue.Reader.Count + Volatile.Read(ref writer.Held));

    /// <summary>Items of the batches being committed now (0 between batches).</summary>
    public int Committing => _writers.Sum(writer => Volatile.Read(ref writer.Committing));

    /// <summary>True while the node runs the batches (a one-shot command never starts them): else nobody would answer.</summary>
    public bool IsRunning => ExecuteTask is { IsCompleted: false };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(_writers.Select(writer => RunAsync(writer, stoppingToken)));

    /// <summary>One writer: its batches, one after another, until the node stops.</summary>
    private async Task RunAsync(Writer writer, CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        // Items whose key was taken by an earlier item of a batch, oldest first: they start the next one.
        var held = new List<Pending>();
        try
        {
            while (held.Count > 0 || await writer.Queue.Reader.WaitToReadAsync(stoppingToken))
            {
                held = Fill(writer.Queue.Reader, batch, held);
                (writer.Committing, writer.Held) = (batch.Count, held.Count);
                await CommitAsync(batch, held, stoppingToken);
                (writer.Committing, writer.Held) = (0, held.Count);
                batch.Clear();
            }
        }
        finally
        {
            writer.Queue.Writer.TryComplete();
            batch.AddRange(held);
            while (writer.Queue.Reader.TryRead(out var left))
            {
                batch.Add(left);
            }

            foreach (var waiting in batch)
            {
                waiting.Done.TrySetCanceled(CancellationToken.None);
            }
        }
    }

    /// <summary>Fills the batch from the held items, then from the queue; answers the items held over, in order.</summary>
    private List<Pending> Fill(ChannelReader<Pending> queue, List<Pending> batch, List<Pending> held)
    {
        var keys = new HashSet<object>();
        var stillHeld = new List<Pending>();
        foreach (var waiting in held)
        {
            Take(waiting);
        }

        while (batch.Count < MaxBatch && queue.TryRead(out var next))
        {
            Take(next);
        }

        return stillHeld;

        void Take(Pending waiting)
        {
            if (batch.Count < MaxBatch && (KeyOf(waiting.Item) is not { } key || keys.Add(key)))
            {
                batch.Add(waiting);
            }
            else
            {
                stillHeld.Add(waiting);
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch, List<Pending> held, CancellationToken ct)
    {
        var later = new List<Pending>();
        if (await CommitThroughClashesAsync(batch, later, ct) || batch.Count == 1)
        {
            held.InsertRange(0, later);
            return;
        }

        GroupCommitLog.BatchFailed(log, Subject, batch.Count);
        var allLater = new List<Pending>();
        foreach (var waiting in batch)
        {
            await CommitThroughClashesAsync([waiting], later, ct);
            allLater.AddRange(later);
        }

        held.InsertRange(0, allLater);
    }

    /// <summary>Commits the batch, running it again from the start while the database gives way on it (at most <see cref="ClashAttempts"/> times).</summary>
    private async Task<bool> CommitThroughClashesAsync(List<Pending> batch, List<Pending> later, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var tried = await TryCommitAsync(batch, later, lastAttempt: attempt == ClashAttempts, ct);
            if (tried != Tried.Clashed || attempt == ClashAttempts)
            {
                return tried == Tried.Committed;
            }

            GroupCommitLog.Clashed(log, Subject, batch.Count, attempt);
        }
    }

    /// <summary>
    /// Commits the batch's items in one unit of work and answers their callers when it committed. Items that asked for
    /// the next batch are put in <paramref name="later"/>, unanswered. A lone item is answered when it fails too, except
    /// for a clash before its <paramref name="lastAttempt"/>.
    /// </summary>
    private async Task<Tried> TryCommitAsync(List<Pending> batch, List<Pending> later, bool lastAttempt, CancellationToken ct)
    {
        var refused = false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var staged = new List<(Pending Waiting, Outcome<TResult> Outcome)>(batch.Count);
            var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            if (OnlyStages)
            {
                unitOfWork.OnlyStages();
            }

            var stored = await unitOfWork.RunAsync(async token =>
            {
                // Run again from the start when the unit of work retries on fresh data.
                staged.Clear();
                later.Clear();
                refused = false;
                await PrepareAsync(scope.ServiceProvider, [.. batch.Select(waiting => waiting.Item)], token);
                foreach (var waiting in batch)
                {
                    var outcome = await StageAsync(scope.ServiceProvider, waiting.Item, token);
                    refused |= !outcome.Succeeded && !ReferenceEquals(outcome.Error, GroupCommit.NextBatch);
                    if (ReferenceEquals(outcome.Error, GroupCommit.NextBatch))
                    {
                        later.Add(waiting);
                    }
                    else if (!outcome.Succeeded && batch.Count > 1)
                    {
                        return outcome.Error!;
                    }
                    else
                    {
                        staged.Add((waiting, outcome));
                    }
                }

                // A lone item's refusal is its answer: nothing of it is saved.
                return staged is [(_, { Succeeded: false } lone)] ? lone.Error! : (Outcome<bool>)true;
            }, ct, Subject, member: GetType().Name);
            if (stored.Succeeded)
            {
                Committed([.. staged.Select(s => s.Waiting.Item)]);
                foreach (var (waiting, outcome) in staged)
                {
                    waiting.Done.TrySetResult(outcome);
                }

                return Tried.Committed;
            }

            later.Clear();
            // Not an item's refusal but the unit of work's: the database gave way on it, at a lock statement or at the
            // commit (a unique key's clash names its column).
            var clashed = !refused && stored.Error is WriteConflict { Column: null };
            if (batch.Count == 1 && (!clashed || lastAttempt))
            {
                batch[0].Done.TrySetResult(stored.Error!);
            }

            return clashed ? Tried.Clashed : Tried.Failed;
        }
        catch (Exception failure) when (batch.Count == 1 && failure is not OperationCanceledException)
        {
            later.Clear();
            batch[0].Done.TrySetException(failure);
            return Tried.Failed;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            later.Clear();
            GroupCommitLog.BatchThrew(log, failure, Subject, batch.Count);
            return Tried.Failed;
        }
    }

    private enum Tried
    {
        Committed,
        Failed,
        Clashed,
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<Outcome<TResult>> Done);

    /// <summary>One writer's queue, and what it holds now (read by other threads).</summary>
    private sealed class Writer
    {
        // Not single-reader, though one loop reads: only the general channel counts what waits (Waiting).
        public readonly Channel<Pending> Queue = Channel.CreateUnbounded<Pending>();

        public int Committing;

        public int Held;
    }
}

/// <summary>What every <see cref="GroupCommit{TItem,TResult}"/> shares.</summary>
internal static class GroupCommit
{
    /// <summary>
    /// The answer of a group commit's <c>StageAsync</c> for an item that must not join this batch (it would not see what
    /// an earlier item staged): it has staged nothing and goes to the next batch.
    /// </summary>
    public static readonly DomainError NextBatch = new Conflict("This item waits for the next batch.");
}

internal static partial class GroupCommitLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} ({Subject}) did not commit; storing them one at a time.")]
    public static partial void BatchFailed(ILogger log, string subject, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} ({Subject}) met a clash in the database on attempt {Attempt}; running it again.")]
    public static partial void Clashed(ILogger log, string subject, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} ({Subject}) failed.")]
    public static partial void BatchThrew(ILogger log, Exception failure, string subject, int count);
}

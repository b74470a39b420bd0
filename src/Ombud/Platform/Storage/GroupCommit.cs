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
/// A batch that does not commit (a clash, one item refused, an exception) is tried again one item at a time, each in
/// its own unit of work, so only the item at fault fails, with its own outcome; an exception there (a bug) fails that
/// caller alone. Items with the same <see cref="KeyOf"/> never share a batch: the later waits for the next, and sees
/// what the earlier wrote. When the node stops, callers still waiting are cancelled.
/// </remarks>
internal abstract class GroupCommit<TItem, TResult>(IServiceScopeFactory scopes, ILogger log) : BackgroundService
{
    // Not single-reader, though one loop reads: only the general channel counts what waits (Waiting).
    private readonly Channel<Pending> _waiting = Channel.CreateUnbounded<Pending>();

    /// <summary>At most this many items in one transaction: enough to carry a burst, few enough to keep a commit short.</summary>
    public virtual int MaxBatch => 64;

    /// <summary>What a caller is told clashed, e.g. "The risk decision" in "The risk decision changed while …".</summary>
    protected abstract string Subject { get; }

    /// <summary>Items of one key (e.g. one conversation) go into different batches, in the order they came; null: no key.</summary>
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

    /// <summary>Called once a batch has committed, before its callers are answered (e.g. to note its size).</summary>
    protected virtual void Committed(IReadOnlyList<TItem> items)
    {
    }

    /// <summary>Stages the item with the next batch and answers once that batch has committed.</summary>
    protected Task<Outcome<TResult>> WithNextCommitAsync(TItem item)
    {
        var waiting = new Pending(item, new TaskCompletionSource<Outcome<TResult>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_waiting.Writer.TryWrite(waiting))
        {
            throw new OperationCanceledException($"The node is stopping: {Subject.ToLowerInvariant()} was not stored.");
        }

        return waiting.Done.Task;
    }

    private int _committing;
    private int _held;

    /// <summary>Items handed in and not yet in a batch being committed.</summary>
    public int Waiting => _waiting.Reader.Count + Volatile.Read(ref _held);

    /// <summary>Items of the batch being committed now (0 between batches).</summary>
    public int Committing => Volatile.Read(ref _committing);

    /// <summary>True while the node runs the batches (a one-shot command never starts them): else nobody would answer.</summary>
    public bool IsRunning => ExecuteTask is { IsCompleted: false };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        // Items whose key was taken by an earlier item of a batch, oldest first: they start the next one.
        var held = new List<Pending>();
        try
        {
            while (held.Count > 0 || await _waiting.Reader.WaitToReadAsync(stoppingToken))
            {
                held = Fill(batch, held);
                (_committing, _held) = (batch.Count, held.Count);
                await CommitAsync(batch, held, stoppingToken);
                (_committing, _held) = (0, held.Count);
                batch.Clear();
            }
        }
        finally
        {
            _waiting.Writer.TryComplete();
            batch.AddRange(held);
            while (_waiting.Reader.TryRead(out var left))
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
    private List<Pending> Fill(List<Pending> batch, List<Pending> held)
    {
        var keys = new HashSet<object>();
        var stillHeld = new List<Pending>();
        foreach (var waiting in held)
        {
            Take(waiting);
        }

        while (batch.Count < MaxBatch && _waiting.Reader.TryRead(out var next))
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
        if (await TryCommitAsync(batch, later, ct) || batch.Count == 1)
        {
            held.InsertRange(0, later);
            return;
        }

        GroupCommitLog.BatchFailed(log, Subject, batch.Count);
        var allLater = new List<Pending>();
        foreach (var waiting in batch)
        {
            await TryCommitAsync([waiting], later, ct);
            allLater.AddRange(later);
        }

        held.InsertRange(0, allLater);
    }

    /// <summary>
    /// Commits the batch's items in one unit of work; answers their callers and returns true when it committed. Items
    /// that asked for the next batch are put in <paramref name="later"/>, unanswered.
    /// </summary>
    private async Task<bool> TryCommitAsync(List<Pending> batch, List<Pending> later, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var staged = new List<(Pending Waiting, Outcome<TResult> Outcome)>(batch.Count);
            var stored = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(async token =>
            {
                // Run again from the start when the unit of work retries on fresh data.
                staged.Clear();
                later.Clear();
                await PrepareAsync(scope.ServiceProvider, [.. batch.Select(waiting => waiting.Item)], token);
                foreach (var waiting in batch)
                {
                    var outcome = await StageAsync(scope.ServiceProvider, waiting.Item, token);
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
                return staged is [(_, { Succeeded: false } refused)] ? refused.Error! : (Outcome<bool>)true;
            }, ct, Subject);
            if (stored.Succeeded)
            {
                Committed([.. staged.Select(s => s.Waiting.Item)]);
                foreach (var (waiting, outcome) in staged)
                {
                    waiting.Done.TrySetResult(outcome);
                }

                return true;
            }

            later.Clear();
            if (batch.Count == 1)
            {
                batch[0].Done.TrySetResult(stored.Error!);
            }

            return false;
        }
        catch (Exception failure) when (batch.Count == 1 && failure is not OperationCanceledException)
        {
            later.Clear();
            batch[0].Done.TrySetException(failure);
            return false;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            later.Clear();
            GroupCommitLog.BatchThrew(log, failure, Subject, batch.Count);
            return false;
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<Outcome<TResult>> Done);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} ({Subject}) failed.")]
    public static partial void BatchThrew(ILogger log, Exception failure, string subject, int count);
}

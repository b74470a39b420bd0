using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ombud.Platform.Storage;

/// <summary>
/// The one way to run a use case that writes: queue at the node's <see cref="WriteGate"/> (SQLite), begin a
/// transaction, let the use case stage its changes, save them once and commit. A refusal rolls back and saves nothing.
/// The database settles races: a unique-key clash, a deadlock victim or a serialization failure (at the commit, or at
/// a lock statement inside the work) becomes a typed <see cref="WriteConflict"/> and nothing is saved; a lost
/// optimistic version check (someone else changed the same aggregate since it was read) runs the use case again on
/// fresh data, which is always safe because nothing of the first try was saved. Use cases never call
/// <c>SaveChanges</c> themselves.
/// </summary>
/// <remarks>
/// A unit of work started while another is open on the same <see cref="OmbudDb"/> joins it: its changes are saved by
/// the outer one, so a use case can call another (the assistant's turn reporting a dispute) and still commit once.
/// </remarks>
public sealed partial class UnitOfWork(OmbudDb db, WriteGate writeGate, WriteTurn turn, CommitSignal commits, StagedRows staged, WriteTime writeTime,
    TimeProvider clock, ILogger<UnitOfWork> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// A unit of work that holds the write gate longer than this is logged: on SQLite every other writer of the node
    /// waits behind it, and the log names what to move out of the gate (reads that need no transaction).
    /// </summary>
    private static readonly TimeSpan LongHold = TimeSpan.FromSeconds(5);

    private int _depth;

    private bool _onlyStages;

    private readonly List<Func<Task>> _afterCommit = [];

    /// <summary>
    /// This scope's units of work are the node's background work (event deliveries, timers): on SQLite they take turns
    /// with requests at the <see cref="WriteGate"/> rather than queue behind every request waiting there.
    /// </summary>
    public void InBackground() => (turn.Lane, turn.MayBeTurnedAway) = (WriteLane.Background, false);

    /// <summary>
    /// This scope's units of work read nothing in their transaction: their work only stages (a group commit of risk
    /// decisions). On PostgreSQL the transaction then starts at the write, and when all there is to write is staged
    /// rows to insert, they go as one batch without BEGIN and COMMIT, which PostgreSQL runs as one implicit
    /// transaction: one round trip where there were two, still all or nothing, and answered only once committed.
    /// </summary>
    public void OnlyStages() => _onlyStages = true;

    /// <summary>True while a unit of work of this scope is open.</summary>
    public bool IsOpen => _depth > 0;

    /// <summary>
    /// For use cases that only stage: a caller that forgot to run one in a unit of work would save nothing without a
    /// word, so it fails loudly instead.
    /// </summary>
    public void EnsureOpen(string useCase)
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException($"{useCase} only stages its changes: run it inside UnitOfWork.RunAsync.");
        }
    }

    /// <summary>
    /// Runs <paramref name="announce"/> once the open unit of work has committed (never if it rolls back or is retried
    /// without it): for telling live readers what changed, which must not hear of anything that was not stored. An
    /// announcement is a hint to re-read, not the data itself, and a failing one is logged by the caller's
    /// announcer, never turned into a failed use case.
    /// </summary>
    public void AfterCommit(Func<Task> announce)
    {
        EnsureOpen("An announcement after commit");
        _afterCommit.Add(announce);
    }

    /// <summary>Runs <paramref name="work"/> as one unit of work and returns its outcome as committed.</summary>
    /// <param name="work">Reads, checks and stages changes on the scope's <see cref="OmbudDb"/>; it does not save.</param>
    /// <param name="subject">What the caller is told clashed, e.g. "The dispute" in "The dispute changed while …".</param>
    /// <param name="file">Where the unit of work runs, for <see cref="WriteTime"/>: given by the compiler.</param>
    /// <param name="member">Where the unit of work runs, for <see cref="WriteTime"/>: given by the compiler.</param>
    public async Task<Outcome<T>> RunAsync<T>(Func<CancellationToken, Task<Outcome<T>>> work, CancellationToken ct, string subject = "The resource",
        [CallerFilePath] string file = "", [CallerMemberName] string member = "")
    {
        if (_depth > 0)
        {
            // Joined: the outer unit of work saves, commits and maps clashes.
            return await work(ct);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await RunOnceAsync(work, subject, (file, member), ct);
                var announcements = _afterCommit.ToList();
                _afterCommit.Clear();
                if (outcome.Succeeded)
                {
                    // Committed, and the write gate is free again: now live readers may hear of it.
                    foreach (var announce in announcements)
                    {
                        await announce();
                    }
                }

                return outcome;
            }
            catch (DbUpdateConcurrencyException)
            {
                Forget();
                if (attempt == MaxAttempts)
                {
                    // Lost the version check every time (a hot row under heavy contention): the caller is told to
                    // try again, as for any other clash, rather than getting a server error.
                    return new WriteConflict($"{subject} {WriteClash.Retry}", null);
                }
            }
        }
    }

    /// <summary>
    /// Runs work that cannot be refused (a background step, an audit entry); a clash still comes back as a
    /// <see cref="WriteConflict"/>, a bug as an exception.
    /// </summary>
    public async Task<Outcome<bool>> RunAsync(Func<CancellationToken, Task> work, CancellationToken ct, string subject = "The resource",
        [CallerFilePath] string file = "", [CallerMemberName] string member = "") =>
        await RunAsync(async token =>
        {
            await work(token);
            return (Outcome<bool>)true;
        }, ct, subject, file, member);

    private async Task<Outcome<T>> RunOnceAsync<T>(Func<CancellationToken, Task<Outcome<T>>> work, string subject, (string File, string Member) place,
        CancellationToken ct)
    {
        var asked = clock.GetTimestamp();
        using var writing = await writeGate.EnterAsync(turn, ct);
        var entered = clock.GetTimestamp();
        _depth++;
        staged.WillBeWritten = true;
        _afterCommit.Clear();
        IDbContextTransaction? transaction = null;
        try
        {
            // Work that only stages reads nothing that needs a transaction: on PostgreSQL it begins at the write, if at all.
            if (!_onlyStages || !db.Database.IsNpgsql())
            {
                transaction = await db.Database.BeginTransactionAsync(ct);
            }

            Outcome<T> outcome;
            try
            {
                outcome = await work(ct);
            }
            catch (Exception clash) when (WriteClash.Is(clash))
            {
                // The database gave way before the save (a deadlock's victim at a lock statement): as at the commit.
                return await GaveWayAsync<T>(transaction, subject);
            }

            if (!outcome.Succeeded)
            {
                await RollBackAsync(transaction);
                Forget();
                return outcome;
            }

            try
            {
                // Only a commit that queued work due now (an event's deliveries, a timer due at once) wakes a loop, and
                // only that kind's: waking them on every commit would cost the hot paths an idle query per loop.
                var due = new HashSet<Type>(staged.QueuedWork);
                CommitSignal.CollectDue(db.ChangeTracker, clock.GetUtcNow().UtcDateTime, due);
                if (transaction is null && staged.OnlyInserts && !db.ChangeTracker.HasChanges())
                {
                    // Nothing but rows to insert: one batch, one implicit transaction, committed when it returns.
                    await staged.InsertAsOneAsync(db, ct);
                }
                else
                {
                    transaction ??= await db.Database.BeginTransactionAsync(ct);
                    // Staged rows first: what EF saves may refer to them, never the other way round.
                    await staged.FlushAsync(db, ct);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                }

                commits.Raise(due);
                // From now on a refusal at the gate would hide what this scope changed: its later work waits instead.
                turn.MayBeTurnedAway = false;

                return outcome;
            }
            catch (DbUpdateConcurrencyException)
            {
                await RollBackAsync(transaction);
                throw;
            }
            catch (Exception clash) when (UniqueViolation.TryDescribe(clash, out var column))
            {
                await RollBackAsync(transaction);
                Forget();
                return new WriteConflict($"{subject} {WriteClash.Retry}", column);
            }
            catch (Exception missing) when (ReferenceViolation.TryDescribe(missing, out var reference))
            {
                await RollBackAsync(transaction);
                Forget();
                return reference;
            }
            catch (Exception clash) when (WriteClash.Is(clash))
            {
                // PostgreSQL chose this unit of work as a deadlock's victim (or refused it as not serializable).
                return await GaveWayAsync<T>(transaction, subject);
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            _depth--;
            if (_depth == 0)
            {
                // Whatever was staged and not written (an exception) must not leak into the scope's next unit of work.
                staged.Clear();
                staged.WillBeWritten = false;
            }

            var held = clock.GetElapsedTime(entered);
            writeTime.Record(place.File, place.Member, clock.GetElapsedTime(asked, entered), held);
            if (held > LongHold)
            {
                LogLongHold(logger, subject, (long)held.TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: a unit of work held the write gate for {Milliseconds} ms; the node's other writers waited behind it")]
    private static partial void LogLongHold(ILogger logger, string subject, long milliseconds);

    /// <summary>
    /// Rolls back a unit of work the database gave way on (<see cref="WriteClash"/>), wherever it happened: nothing of
    /// it was saved, and the caller hears the same retryable conflict as for any other clash.
    /// </summary>
    private async Task<Outcome<T>> GaveWayAsync<T>(IDbContextTransaction? transaction, string subject)
    {
        await RollBackAsync(transaction);
        Forget();
        return new WriteConflict($"{subject} {WriteClash.Retry}", null);
    }

    /// <summary>Rolls back the transaction, if one began: a batch written without one was rolled back by PostgreSQL itself.</summary>
    private static Task RollBackAsync(IDbContextTransaction? transaction) =>
        transaction?.RollbackAsync(CancellationToken.None) ?? Task.CompletedTask;

    /// <summary>Drops everything staged, tracked or not: nothing of a refused or failed attempt is saved later.</summary>
    private void Forget()
    {
        db.ChangeTracker.Clear();
        staged.Clear();
    }
}

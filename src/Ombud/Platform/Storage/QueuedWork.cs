using System.Linq.Expressions;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ombud.Platform.Storage;

public enum WorkStatus
{
    /// <summary>Waiting until <see cref="IQueuedWork.DueAt"/>; while a node holds it, that is the end of its lease.</summary>
    Pending,

    /// <summary>Handled; kept as progress (an event delivery) or deleted (a timer).</summary>
    Done,

    /// <summary>Failed every attempt; waits in the dead-letter list until an admin replays it.</summary>
    Dead,
}

/// <summary>
/// A row of work that any node may take when it falls due: an event waiting for one subscriber, a timer. The
/// <see cref="Lease"/> is a concurrency token: a claim raises it, and finishing the work checks it, so a node whose
/// lease ran out (it hung, or died) cannot also finish what another node took over.
/// </summary>
public interface IQueuedWork
{
    WorkStatus Status { get; }

    DateTime DueAt { get; }

    int Lease { get; }

    int Attempts { get; }

    /// <summary>Takes the work until <paramref name="leaseEnds"/>: no node claims it again before then.</summary>
    void Claim(DateTime leaseEnds);

    /// <summary>An attempt failed: try again at <paramref name="retryAt"/>, or give up (dead letter) when it is null.</summary>
    void Fail(string error, DateTime? retryAt);

    /// <summary>An admin sends it round again: due now, attempts from zero.</summary>
    void Replay(DateTime now);
}

/// <summary>The state every queued work item shares: when it is due, who holds it, how it failed.</summary>
public abstract class QueuedWorkItem : IQueuedWork
{
    public const int MaxErrorLength = 1000;

    public WorkStatus Status { get; protected set; }

    public DateTime DueAt { get; protected set; }

    public int Lease { get; protected set; }

    public int Attempts { get; protected set; }

    public string? LastError { get; protected set; }

    public void Claim(DateTime leaseEnds)
    {
        DueAt = leaseEnds;
        Lease++;
    }

    public void Fail(string error, DateTime? retryAt)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (retryAt is { } at)
        {
            DueAt = at;
        }
        else
        {
            Status = WorkStatus.Dead;
        }
    }

    public void Replay(DateTime now)
    {
        Status = WorkStatus.Pending;
        DueAt = now;
        Attempts = 0;
        Lease++;
    }
}

/// <summary>
/// The one claim of due work, for events and timers alike: one LINQ query for both databases. On PostgreSQL the query
/// is tagged and <see cref="SkipLockedInterceptor"/> adds <c>FOR UPDATE SKIP LOCKED</c>, so two nodes claiming at
/// the same moment take different rows and neither waits; SQLite has one writer, queued at the <see cref="WriteGate"/>.
/// </summary>
public static class QueuedWork
{
    /// <summary>Claims up to <paramref name="batch"/> due rows of <typeparamref name="T"/> in a unit of work of their own.</summary>
    public static async Task<IReadOnlyList<T>> ClaimAsync<T>(IServiceProvider services, DateTime now, TimeSpan lease, int batch,
        Expression<Func<T, bool>>? filter, CancellationToken ct)
        where T : class, IQueuedWork
    {
        var db = services.GetRequiredService<OmbudDb>();
        var due = db.Set<T>().Where(w => w.Status == WorkStatus.Pending && w.DueAt <= now);
        if (filter is not null)
        {
            due = due.Where(filter);
        }

        // A cheap look first, so an idle node takes no write lock (SQLite has one for the whole file).
        if (!await due.AnyAsync(ct))
        {
            return [];
        }

        var claimed = await services.GetRequiredService<UnitOfWork>().RunAsync<IReadOnlyList<T>>(async token =>
        {
            var rows = await due.OrderBy(w => w.DueAt).Take(batch).TagWith(SkipLockedInterceptor.Tag).ToListAsync(token);
            foreach (var row in rows)
            {
                row.Claim(now + lease);
            }

            return rows;
        }, ct);
        return claimed.Value ?? [];
    }

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1: doubling from <paramref name="first"/>, at most <paramref name="cap"/>.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan first, TimeSpan cap) =>
        TimeSpan.FromTicks(Math.Min(cap.Ticks, first.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));
}

/// <summary>Adds <c>FOR UPDATE SKIP LOCKED</c> to PostgreSQL queries tagged with <see cref="Tag"/>.</summary>
public sealed class SkipLockedInterceptor : DbCommandInterceptor
{
    public const string Tag = "ombud: for update skip locked";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Lock(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Lock(command);
        return ValueTask.FromResult(result);
    }

    private static void Lock(DbCommand command)
    {
        if (command.CommandText.StartsWith("-- " + Tag, StringComparison.Ordinal))
        {
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + "\nFOR UPDATE SKIP LOCKED";
        }
    }
}

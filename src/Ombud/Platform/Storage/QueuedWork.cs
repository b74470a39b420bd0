using Microsoft.EntityFrameworkCore;

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

/// <summary>Narrows a claim to rows whose <paramref name="Property"/> (a text column: a subscriber, a timer's kind) is one of <paramref name="Values"/>.</summary>
public sealed record WorkFilter(string Property, IReadOnlyCollection<string> Values);

/// <summary>
/// The one claim of due work, for events and timers alike: one <c>UPDATE … RETURNING</c> that takes the first due rows
/// and pushes them to the end of their lease, on both databases. On PostgreSQL its row choice is <c>FOR UPDATE SKIP
/// LOCKED</c>, so two nodes claiming at the same moment take different rows and neither waits; SQLite has one writer,
/// queued at the <see cref="WriteGate"/>. One statement, whatever the batch: a read and then an update per row cost
/// a claim of one delivery three statements and a transaction.
/// </summary>
public static class QueuedWork
{
    /// <summary>
    /// Claims up to <paramref name="batch"/> due rows of <typeparamref name="T"/>, the longest due first, untracked, as
    /// they are after the claim (in no order: RETURNING keeps none, and the claim moved every row's due time).
    /// </summary>
    /// <param name="look">
    /// Whether to look first, without the write gate, whether anything is due: for a pass on the poll, when most
    /// often nothing is, so an idle node takes no write lock (SQLite has one for the whole file). A pass that a commit
    /// of this node woke, or that took a full batch, knows there is work and claims at once.
    /// </param>
    public static async Task<IReadOnlyList<T>> ClaimAsync<T>(IServiceProvider services, DateTime now, TimeSpan lease, int batch,
        WorkFilter? filter, bool look, CancellationToken ct)
        where T : class, IQueuedWork
    {
        var db = services.GetRequiredService<OmbudDb>();
        if (filter is { Values.Count: 0 } || (look && !await Due<T>(db, now, filter).AnyAsync(ct)))
        {
            return [];
        }

        var keys = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Select(p => db.Column<T>(p.Name)).ToList();
        var (table, status, dueAt, leaseColumn) = (db.Table<T>(), db.Column<T>(nameof(IQueuedWork.Status)), db.Column<T>(nameof(IQueuedWork.DueAt)),
            db.Column<T>(nameof(IQueuedWork.Lease)));
        object[] values = [now + lease, now, .. filter?.Values ?? []];
        var narrowed = filter is null
            ? ""
            : $" AND {db.Column<T>(filter.Property)} IN ({string.Join(", ", filter.Values.Select((_, i) => $"{{{i + 2}}}"))})";
        var skipLocked = db.Database.IsNpgsql() ? " FOR UPDATE SKIP LOCKED" : "";
        // Names come from the model and only placeholders are joined in: every value is a parameter.
        var claim = $"UPDATE {table} SET {dueAt} = {{0}}, {leaseColumn} = {leaseColumn} + 1 WHERE ({string.Join(", ", keys)}) IN ("
                    + $"SELECT {string.Join(", ", keys)} FROM {table} WHERE {status} = '{nameof(WorkStatus.Pending)}' AND {dueAt} <= {{1}}{narrowed} "
                    + $"ORDER BY {dueAt} LIMIT {batch}{skipLocked}) RETURNING *";
        var turn = services.GetRequiredService<WriteTurn>();
        using var writing = await services.GetRequiredService<WriteGate>().EnterAsync(turn, ct);
        return await db.Set<T>().FromSqlRaw(claim, values).AsNoTracking().ToListAsync(ct);
    }

    private static IQueryable<T> Due<T>(OmbudDb db, DateTime now, WorkFilter? filter)
        where T : class, IQueuedWork
    {
        var due = db.Set<T>().Where(w => w.Status == WorkStatus.Pending && w.DueAt <= now);
        if (filter is null)
        {
            return due;
        }

        var (property, values) = (filter.Property, filter.Values);
        return due.Where(w => values.Contains(EF.Property<string>(w, property)));
    }

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1: doubling from <paramref name="first"/>, at most <paramref name="cap"/>.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan first, TimeSpan cap) =>
        TimeSpan.FromTicks(Math.Min(cap.Ticks, first.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));
}

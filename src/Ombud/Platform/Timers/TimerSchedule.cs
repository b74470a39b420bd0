using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Timers;

/// <summary>
/// The one way to schedule a timer. It joins the caller's unit of work, so a deadline is stored exactly when the
/// change that set it is.
/// </summary>
public sealed class TimerSchedule(OmbudDb db, TimeProvider clock)
{
    /// <summary>Fires <paramref name="kind"/> for <paramref name="entityId"/> at <paramref name="at"/>, moving a timer already set.</summary>
    public Task ScheduleAsync(string kind, string entityId, DateTime at, CancellationToken ct) =>
        SetAllAsync(entityId, new Dictionary<string, DateTime?> { [kind] = at }, ct);

    /// <summary>
    /// Sets an entity's timers of several kinds at once: each kind with a time is scheduled (or moved), each without
    /// one is cancelled. Setting is an upsert: two units of work setting the same timer at once both succeed, the later
    /// commit's time standing, instead of the second failing on the timer's key.
    /// </summary>
    /// <remarks>
    /// A timer this unit of work does not hold costs one statement: an upsert for a time to come, a delete to cancel.
    /// Only one due at once is also read and moved as a tracked row, so that its commit wakes the timer loop
    /// (<see cref="CommitSignal"/> sees tracked changes).
    /// </remarks>
    public async Task SetAllAsync(string entityId, IReadOnlyDictionary<string, DateTime?> fireAt, CancellationToken ct)
    {
        var kinds = fireAt.Keys.ToList();
        // Timers this unit of work already holds (one it added, the one being fired) first: a query would miss an added one.
        var existing = db.Set<DurableTimer>().Local.Where(t => t.EntityId == entityId && kinds.Contains(t.Kind)).ToDictionary(t => t.Kind);
        var unread = kinds.Except(existing.Keys).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var later = unread.Where(k => fireAt[k] > now).Select(k => (k, fireAt[k]!.Value)).ToList();
        var cancelled = unread.Where(k => fireAt[k] is null).ToList();
        var dueNow = unread.Where(k => fireAt[k] <= now).ToList();
        await InsertAsync(entityId, later, now, 1, Moved, ct);
        if (cancelled.Count > 0)
        {
            await db.Set<DurableTimer>().Where(t => t.EntityId == entityId && cancelled.Contains(t.Kind)).ExecuteDeleteAsync(ct);
        }

        if (dueNow.Count > 0)
        {
            await InsertAsync(entityId, [.. dueNow.Select(k => (k, fireAt[k]!.Value))], now, DurableTimer.Reserved, _ => "NOTHING", ct);
            foreach (var timer in await db.Set<DurableTimer>().Where(t => t.EntityId == entityId && dueNow.Contains(t.Kind)).ToListAsync(ct))
            {
                existing[timer.Kind] = timer;
            }
        }

        foreach (var (kind, timer) in existing)
        {
            if (fireAt[kind] is not { } at)
            {
                db.Remove(timer);
            }
            else if (timer.Lease == DurableTimer.Reserved || timer.FireAt != at || timer.Status != WorkStatus.Pending)
            {
                timer.Move(at);
            }
        }
    }

    /// <summary>
    /// Inserts each timer not stored yet with <paramref name="lease"/>, in the open transaction; a stored one is left to
    /// <paramref name="onConflict"/>. A unit of work racing this one for the same timer waits here for the other's
    /// commit (PostgreSQL's unique index; SQLite writes one at a time) and then takes the conflict's way, where a plain
    /// insert at save would break the key.
    /// </summary>
    private async Task InsertAsync(string entityId, List<(string Kind, DateTime At)> timers, DateTime now, int lease,
        Func<Func<string, string>, string> onConflict, CancellationToken ct)
    {
        if (timers.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A timer is set inside a unit of work's transaction (UnitOfWork.RunAsync).");
        }

        var values = new List<object>();
        var rows = timers.Select(t =>
        {
            var first = values.Count;
            values.AddRange([t.Kind, entityId, t.At, t.At, now, nameof(WorkStatus.Pending)]);
            return $"({{{first}}}, {{{first + 1}}}, {{{first + 2}}}, {{{first + 3}}}, {{{first + 4}}}, {{{first + 5}}}, {lease}, 0)";
        });
        // Both providers know ON CONFLICT … DO (SQLite since 3.24). Names come from the model and only placeholders
        // are joined in: every value is a parameter.
        string[] columns =
        [
            nameof(DurableTimer.Kind), nameof(DurableTimer.EntityId), nameof(DurableTimer.FireAt), nameof(DurableTimer.DueAt),
            nameof(DurableTimer.CreatedAt), nameof(DurableTimer.Status), nameof(DurableTimer.Lease), nameof(DurableTimer.Attempts),
        ];
        var names = columns.Select(db.Column<DurableTimer>).ToList();
        var upsert = $"INSERT INTO {db.Table<DurableTimer>()} ({string.Join(", ", names)}) VALUES "
                     + string.Join(", ", rows) + $" ON CONFLICT ({names[0]}, {names[1]}) DO " + onConflict(db.Column<DurableTimer>);
        await db.Database.ExecuteSqlRawAsync(upsert, values, ct);
    }

    /// <summary>
    /// A stored timer moved to the new time as <see cref="DurableTimer.Move"/> does, lease raised so a node firing the
    /// old schedule commits nothing; left alone when it is already pending at that time, as a tracked one would be.
    /// </summary>
    private string Moved(Func<string, string> column)
    {
        var stored = db.Table<DurableTimer>();
        var (fireAt, status, lease) = (column(nameof(DurableTimer.FireAt)), column(nameof(DurableTimer.Status)), column(nameof(DurableTimer.Lease)));
        return $"UPDATE SET {fireAt} = excluded.{fireAt}, {column(nameof(DurableTimer.DueAt))} = excluded.{fireAt}, {status} = '{nameof(WorkStatus.Pending)}', "
               + $"{column(nameof(DurableTimer.Attempts))} = 0, {column(nameof(DurableTimer.LastError))} = NULL, {lease} = {stored}.{lease} + 1 "
               + $"WHERE {stored}.{fireAt} <> excluded.{fireAt} OR {stored}.{status} <> '{nameof(WorkStatus.Pending)}' OR {stored}.{lease} = {DurableTimer.Reserved}";
    }

    /// <summary>Removes the timer, if set (an offer accepted before its countdown ran out).</summary>
    public Task CancelAsync(string kind, string entityId, CancellationToken ct) =>
        SetAllAsync(entityId, new Dictionary<string, DateTime?> { [kind] = null }, ct);

    /// <summary>
    /// Finishes a timer that fired outside a unit of work, in the caller's: deleted, or set again for
    /// <paramref name="next"/>, if it is still the one that was claimed (same lease); left alone if it was moved
    /// meanwhile. Returns whether it was still the claimed one.
    /// </summary>
    public async Task<bool> CompleteAsync(DueTimer fired, DateTime? next, CancellationToken ct)
    {
        var timer = await db.Set<DurableTimer>().FindAsync([fired.Kind, fired.EntityId], ct);
        if (timer is null || timer.Lease != fired.Lease)
        {
            return false;
        }

        if (next is { } at)
        {
            timer.Move(at);
        }
        else
        {
            db.Remove(timer);
        }

        return true;
    }
}

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
    /// Sets an entity's timers of several kinds at once, read in one query: each kind with a time is scheduled (or
    /// moved), each without one is cancelled.
    /// </summary>
    public async Task SetAllAsync(string entityId, IReadOnlyDictionary<string, DateTime?> fireAt, CancellationToken ct)
    {
        var kinds = fireAt.Keys.ToList();
        // Timers this unit of work already holds (one it added, the one being fired) first: a query would miss an added one.
        var existing = db.Set<DurableTimer>().Local.Where(t => t.EntityId == entityId && kinds.Contains(t.Kind)).ToDictionary(t => t.Kind);
        var unread = kinds.Except(existing.Keys).ToList();
        if (unread.Count > 0)
        {
            foreach (var timer in await db.Set<DurableTimer>().Where(t => t.EntityId == entityId && unread.Contains(t.Kind)).ToListAsync(ct))
            {
                existing[timer.Kind] = timer;
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (kind, at) in fireAt)
        {
            var timer = existing.GetValueOrDefault(kind);
            if (at is null)
            {
                if (timer is not null)
                {
                    db.Remove(timer);
                }
            }
            else if (timer is null)
            {
                db.Add(new DurableTimer(kind, entityId, at.Value, now));
            }
            else if (timer.FireAt != at || timer.Status != WorkStatus.Pending)
            {
                timer.Move(at.Value);
            }
        }
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

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
    public async Task ScheduleAsync(string kind, string entityId, DateTime at, CancellationToken ct)
    {
        var timer = await db.Set<DurableTimer>().FindAsync([kind, entityId], ct);
        if (timer is null)
        {
            db.Add(new DurableTimer(kind, entityId, at, clock.GetUtcNow().UtcDateTime));
        }
        else if (timer.FireAt != at || timer.Status != WorkStatus.Pending)
        {
            timer.Move(at);
        }
    }

    /// <summary>Schedules when <paramref name="at"/> has a value, cancels when it has none.</summary>
    public Task SetAsync(string kind, string entityId, DateTime? at, CancellationToken ct) =>
        at is { } when ? ScheduleAsync(kind, entityId, when, ct) : CancelAsync(kind, entityId, ct);

    public async Task CancelAsync(string kind, string entityId, CancellationToken ct)
    {
        if (await db.Set<DurableTimer>().FindAsync([kind, entityId], ct) is { } timer)
        {
            db.Remove(timer);
        }
    }

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

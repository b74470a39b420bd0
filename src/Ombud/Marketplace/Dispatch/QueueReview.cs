using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Marketplace.Dispatch;

/// <summary>
/// A waiting hand-off is looked at again: its criteria widened, or it found nobody free last time. Offered if anybody
/// fitting is free now; otherwise its next review is set, so it is never silently left.
/// </summary>
internal sealed class QueueReview(OmbudDb db, Dispatcher dispatcher) : ITimerHandler
{
    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var entry = await db.Set<QueueEntry>().SingleOrDefaultAsync(e => e.Id == timer.EntityGuid, ct);
        return entry is { Status: QueueEntryStatus.Waiting } && await dispatcher.OfferNextAsync(entry, ct) is not null;
    }
}

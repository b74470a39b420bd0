using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// The timer of a delivery's next scheduled attempt. It sends outside any transaction (an HTTP call must not hold the
/// database), then records the attempt and sets the timer for the next one (<see cref="WebhookRetrySchedule"/>), or
/// finishes it, in one unit of work. Should the node die between sending and recording, the timer's lease runs out
/// and another node sends again: at least once, and receivers drop duplicates by <c>webhook-id</c>.
/// </summary>
public sealed class WebhookAttempts(OmbudDb db, UnitOfWork unitOfWork, TimerSchedule timers, WebhookSender sender) : ITimerHandler
{
    public const string Kind = "webhooks.attempt";

    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var id = timer.EntityGuid;
        var delivery = await db.Set<WebhookDelivery>().AsNoTracking().Include(d => d.Message).Include(d => d.Endpoint).SingleOrDefaultAsync(d => d.Id == id, ct);
        WebhookAttempt? attempt = null;
        if (delivery is { Status: WebhookDeliveryStatus.Pending, Endpoint.Enabled: true })
        {
            attempt = await sender.SendAsync(delivery, replay: false, ct);
        }

        await unitOfWork.RunAsync(async token =>
        {
            var current = await db.Set<WebhookDelivery>().SingleOrDefaultAsync(d => d.Id == id, token);
            DateTime? next = null;
            if (current is { Status: WebhookDeliveryStatus.Pending })
            {
                if (attempt is null)
                {
                    current.Fail(); // its endpoint was disabled before the attempt
                }
                else
                {
                    current.RecordScheduled(attempt);
                    next = current.Status == WebhookDeliveryStatus.Pending ? current.NextAttemptAt : null;
                }
            }

            await timers.CompleteAsync(timer, next, token);
        }, ct, "The delivery");
        return attempt is not null;
    }
}

using Ombud.Platform.Events;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// One pass of webhooks alone, as the background loops would make it: new events fanned out to deliveries, then due
/// attempts sent. For tests and tools; a serving node runs the same work in <see cref="EventDispatch"/> and
/// <see cref="TimerRun"/> with every other subscriber and timer.
/// </summary>
public sealed class WebhookDispatch(EventDispatch events, TimerRun timers)
{
    private static readonly string[] AttemptKind = [WebhookAttempts.Kind];

    /// <summary>Returns how many events were fanned out and how many attempts made.</summary>
    public async Task<(int FannedOut, int Sent)> RunOnceAsync(CancellationToken ct)
    {
        var fannedOut = await events.RunOnceAsync(WebhookFanOut.Subscriber, ct);
        var sent = await timers.RunOnceAsync(AttemptKind, ct);
        return (fannedOut, sent.GetValueOrDefault(WebhookAttempts.Kind));
    }
}

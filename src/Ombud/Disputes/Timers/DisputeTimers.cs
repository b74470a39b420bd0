using Ombud.Platform.Events;
using Ombud.Platform.Timers;

namespace Ombud.Disputes.Timers;

/// <summary>
/// One tick of the dispute clocks alone, as a serving node's background loops make it with everything else: the
/// clocks of disputes that moved are set (<see cref="DisputeClocks"/>), then the due ones fire
/// (<see cref="DisputeClockTimer"/>). For tests and tools.
/// </summary>
internal sealed class DisputeTimers(EventDispatch events, TimerRun timers)
{
    /// <summary>Who the transitions and audit entries name for a move nobody asked for.</summary>
    public const string Actor = "system";

    /// <summary>Says how many of each clock fired (did something) in this tick.</summary>
    public async Task<IReadOnlyDictionary<DisputeTimer, int>> FireDueAsync(CancellationToken ct)
    {
        await events.RunOnceAsync(DisputeClocks.Subscriber, ct);
        var fired = await timers.RunOnceAsync(DisputeTimerKinds.All, ct);
        return Enum.GetValues<DisputeTimer>().ToDictionary(t => t, t => fired.GetValueOrDefault(DisputeTimerKinds.Kind[t]));
    }
}

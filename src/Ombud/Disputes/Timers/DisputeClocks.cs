using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Disputes.Timers;

/// <summary>
/// Keeps a dispute's durable timers in step with it: after every step (it subscribes to every <c>dispute.*</c>
/// event) each clock that applies in the dispute's state is set at its deadline and every other is cancelled. The
/// one place that says which deadline fires when: the timers table holds only "this kind, this dispute, this time".
/// </summary>
internal sealed class DisputeClocks(OmbudDb db, TimerSchedule timers, IOptions<DisputeTimerOptions> options) : IEventHandler
{
    public const string Subscriber = "disputes.clocks";

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var id = message.Read<DisputeChanged>().DisputeId;
        if (await db.Set<Dispute>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) is { } dispute)
        {
            await PlanAsync(dispute, ct);
        }
    }

    public async Task PlanAsync(Dispute dispute, CancellationToken ct)
    {
        await timers.SetAllAsync(dispute.Id.ToString(), DisputeTimerKinds.Kind.ToDictionary(k => k.Value, k => DueAt(dispute, k.Key)), ct);
    }

    private DateTime? DueAt(Dispute d, DisputeTimer timer)
    {
        var open = d.State != DisputeState.Closed;
        return timer switch
        {
            DisputeTimer.StoreResolutionOver => d.State == DisputeState.Reported ? d.StoreResolutionDeadline : null,
            DisputeTimer.MerchantDeadlinePassed => d.State == DisputeState.Initiated ? d.MerchantDeadline : null,
            DisputeTimer.AppealWindowOver => d.State == DisputeState.PreArbitration ? d.AppealDeadline : null,
            DisputeTimer.FinalResponseNear => open && d.PriorityReviewSince is null ? d.FinalResponseBy - options.Value.PriorityReviewLead : null,
            DisputeTimer.FinalResponseMissed => open && d.RegulatoryDeadlineMissedAt is null ? d.FinalResponseBy : null,
            _ => throw new ArgumentOutOfRangeException(nameof(timer), timer, null),
        };
    }
}

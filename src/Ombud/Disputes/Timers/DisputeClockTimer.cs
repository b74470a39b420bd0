using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Disputes.Timers;

/// <summary>
/// A dispute clock fires: the move it stands for goes through the same use cases people use, as
/// <see cref="DisputeTimers.Actor"/>, in the timer's unit of work. The entity refuses a move that is no longer due
/// (the dispute moved on meanwhile): then nothing happens and the timer is gone.
/// </summary>
internal sealed partial class DisputeClockTimer(OmbudDb db, DisputeService disputes, FinalResponseFlags flags, DisputeClocks clocks,
    ILogger<DisputeClockTimer> logger) : ITimerHandler
{
    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var id = timer.EntityGuid;
        if (timer.Kind == DisputeTimerKinds.Plan)
        {
            var dispute = await db.Set<Dispute>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
            if (dispute is not null)
            {
                await clocks.PlanAsync(dispute, ct);
            }

            return dispute is not null;
        }

        var kind = DisputeTimerKinds.Of(timer.Kind);
        var outcome = await MoveAsync(kind, id, ct);
        if (!outcome.Succeeded)
        {
            LogRefused(logger, kind, id, outcome.Error!.Detail);
        }

        return outcome.Succeeded;
    }

    private Task<Outcome<Dispute>> MoveAsync(DisputeTimer timer, Guid id, CancellationToken ct) => timer switch
    {
        DisputeTimer.StoreResolutionOver => disputes.EscalateAsync(id, DisputeTimers.Actor, ct),
        DisputeTimer.MerchantDeadlinePassed => disputes.ExpireMerchantDeadlineAsync(id, DisputeTimers.Actor, ct),
        DisputeTimer.AppealWindowOver => disputes.CloseAsync(id, DisputeTimers.Actor, ct),
        DisputeTimer.FinalResponseNear => flags.FlagForPriorityReviewAsync(id, DisputeTimers.Actor, ct),
        DisputeTimer.FinalResponseMissed => flags.FlagDeadlineMissedAsync(id, DisputeTimers.Actor, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(timer), timer, null),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispute clock {Timer} had nothing left to do for dispute {DisputeId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, DisputeTimer timer, Guid disputeId, string reason);
}

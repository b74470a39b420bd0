using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Timers;

/// <summary>
/// Raises the regulatory flags of one dispute (<see cref="Dispute.PriorityReviewSince"/>,
/// <see cref="Dispute.RegulatoryDeadlineMissedAt"/>): the entity refuses a second flag, and each flag is audited in
/// the caller's unit of work with the flag itself. The dispute's lifecycle does not move, so no transition is appended.
/// </summary>
internal sealed class FinalResponseFlags(OmbudDb db, DisputeClock clock, AuditLog audit, IOptions<DisputeTimerOptions> options)
{
    public Task<Outcome<Dispute>> FlagForPriorityReviewAsync(Guid id, string actor, CancellationToken cancellationToken) =>
        FlagAsync(id, actor, "dispute.priority-review", (d, now) => d.FlagForPriorityReview(options.Value.PriorityReviewLead, now), cancellationToken);

    public Task<Outcome<Dispute>> FlagDeadlineMissedAsync(Guid id, string actor, CancellationToken cancellationToken) =>
        FlagAsync(id, actor, "dispute.regulatory-deadline-missed", (d, now) => d.FlagRegulatoryDeadlineMissed(now), cancellationToken);

    private async Task<Outcome<Dispute>> FlagAsync(Guid id, string actor, string action, Func<Dispute, DateTime, Outcome<Dispute>> flag,
        CancellationToken cancellationToken)
    {
        var dispute = await db.Set<Dispute>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dispute is null)
        {
            return new NotFound("dispute", id.ToString());
        }

        var flagged = flag(dispute, clock.Now);
        if (!flagged.Succeeded)
        {
            return flagged;
        }

        audit.Record(actor, action, $"dispute:{dispute.Id}", $"final response due by {dispute.FinalResponseBy:u} ({dispute.RegulatoryPolicy})");
        return dispute;
    }
}

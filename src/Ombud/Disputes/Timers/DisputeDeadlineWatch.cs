using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Timers;

/// <summary>
/// What the dashboards show of the regulatory clocks: open disputes on priority review (final response due soon),
/// open disputes past their final-response deadline, and how many closed only after theirs. Read-only; the flags are
/// raised by the timers.
/// </summary>
internal sealed class DisputeDeadlineWatch(OmbudDb db)
{
    public async Task<DeadlineWatchReport> ReadAsync(int listSize, CancellationToken cancellationToken)
    {
        var disputes = db.Set<Dispute>().AsNoTracking();
        var open = disputes.Where(d => d.State != DisputeState.Closed);
        var priority = open.Where(d => d.PriorityReviewSince != null && d.RegulatoryDeadlineMissedAt == null);
        var missed = open.Where(d => d.RegulatoryDeadlineMissedAt != null);
        return new DeadlineWatchReport(
            await priority.CountAsync(cancellationToken),
            await missed.CountAsync(cancellationToken),
            await disputes.CountAsync(d => d.State == DisputeState.Closed && d.RegulatoryDeadlineMissedAt != null, cancellationToken),
            await ListAsync(priority, listSize, cancellationToken),
            await ListAsync(missed, listSize, cancellationToken));
    }

    /// <summary>Most urgent first: the earliest final-response deadline.</summary>
    private static Task<List<WatchedDispute>> ListAsync(IQueryable<Dispute> disputes, int listSize, CancellationToken cancellationToken) =>
        disputes.OrderBy(d => d.FinalResponseBy).Take(listSize)
            .Select(d => new WatchedDispute(d.Id, d.MerchantId, d.Reason, d.State, d.RegulatoryPolicy, d.FinalResponseBy,
                d.PriorityReviewSince, d.RegulatoryDeadlineMissedAt))
            .ToListAsync(cancellationToken);
}

/// <param name="PriorityCount">Open, final response due soon, not yet late.</param>
/// <param name="MissedCount">Open and past the final-response deadline.</param>
/// <param name="ClosedLateCount">Closed, but only after the final-response deadline had passed.</param>
internal sealed record DeadlineWatchReport(int PriorityCount, int MissedCount, int ClosedLateCount,
    IReadOnlyList<WatchedDispute> Priority, IReadOnlyList<WatchedDispute> Missed);

/// <summary>One dispute on a watch list; no shopper details, so a dashboard can show it to any staff role.</summary>
internal sealed record WatchedDispute(Guid Id, Guid MerchantId, DisputeReason Reason, DisputeState State, string RegulatoryPolicy,
    DateTime FinalResponseBy, DateTime? PriorityReviewSince, DateTime? MissedAt);

using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Contracts;

/// <summary>What a fraud investigation found, as the dispute records it.</summary>
public enum LiabilityFinding
{
    ThirdPartyFraud,
    FirstPartyFraud,
    MerchantError,
    NotFraud,
}

/// <summary>A dispute's standing as a fraud case needs it: whether it is open, what it holds, and how it ended.</summary>
public sealed record DisputeStanding(Guid Id, Guid OrderId, DisputeReason Reason, DisputeState State, Money Disputed, Money Refund,
    DisputeOutcome? Outcome, DisputeOutcomeDetail? Detail, DateTime ReportedAt, string? Description)
{
    public bool IsOpen => State != DisputeState.Closed;

    internal static DisputeStanding Of(Dispute d) => new(d.Id, d.OrderId, d.Reason, d.State, d.Disputed, new Money(d.RefundMinor, d.Currency),
        d.Outcome, d.OutcomeDetail, d.ReportedAt, d.Transitions.Count > 0 ? d.Transitions[0].Note : null);
}

/// <summary>
/// Disputes' contract for the fraud module: read the disputes a case rests on, and settle one by a liability decision
/// with the same rules, refund, payment release, audit and events as every other dispute move. The decision joins
/// the caller's unit of work, so the case and the dispute change together or not at all.
/// </summary>
internal sealed class DisputeLiability(OmbudDb db, UnitOfWork work, DisputeService disputes)
{
    public async Task<DisputeStanding?> FindAsync(Guid disputeId, CancellationToken ct) =>
        await db.Set<Dispute>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == disputeId, ct) is { } d ? DisputeStanding.Of(d) : null;

    /// <summary>The latest dispute on an order, open or not.</summary>
    public async Task<DisputeStanding?> OfOrderAsync(Guid orderId, CancellationToken ct) =>
        await db.Set<Dispute>().AsNoTracking().Where(d => d.OrderId == orderId).OrderByDescending(d => d.ReportedAt).FirstOrDefaultAsync(ct) is { } d
            ? DisputeStanding.Of(d)
            : null;

    /// <summary>Which of these orders were ever disputed, for any reason.</summary>
    public async Task<IReadOnlySet<Guid>> DisputedAmongAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct) =>
        (await db.Set<Dispute>().AsNoTracking().Where(d => orderIds.Contains(d.OrderId)).Select(d => d.OrderId).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>Settles an open dispute as the investigation found; the explanation is what the shopper and the store are shown.</summary>
    public Task<Outcome<DisputeStanding>> SettleAsync(Guid disputeId, LiabilityFinding finding, string explanation, string actor, CancellationToken ct) =>
        work.RunAsync<DisputeStanding>(async token =>
        {
            var detail = finding switch
            {
                LiabilityFinding.ThirdPartyFraud => DisputeOutcomeDetail.ThirdPartyFraud,
                LiabilityFinding.FirstPartyFraud => DisputeOutcomeDetail.FirstPartyFraud,
                LiabilityFinding.MerchantError => DisputeOutcomeDetail.MerchantError,
                _ => DisputeOutcomeDetail.NotFraud,
            };
            var settled = await disputes.DecideLiabilityAsync(disputeId, detail, explanation, actor, token);
            return settled.Succeeded ? DisputeStanding.Of(settled.Value!) : settled.Error!;
        }, ct, "The dispute");
}

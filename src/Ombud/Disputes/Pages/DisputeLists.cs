using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Pages;

/// <summary>
/// The lists of disputes each side works from: a shopper's own, a merchant's own by what it must do next, and the
/// staff's review queue. Read-only, filtered by the viewer's own customer or merchant in the query itself.
/// </summary>
internal sealed class DisputeLists(OmbudDb db)
{
    /// <summary>States in which the provider owes a decision.</summary>
    public static readonly DisputeState[] AwaitingDecision = [DisputeState.Representment, DisputeState.Arbitration];

    /// <summary>A shopper's disputes, newest first.</summary>
    public async Task<IReadOnlyList<DisputeRow>> ForShopperAsync(DisputeViewer viewer, CancellationToken ct)
    {
        var rows = await RowsAsync(db.Set<Dispute>().Where(d => d.CustomerId == viewer.PartyId), withMerchant: true, ct);
        return [.. rows.OrderByDescending(r => r.ReportedAt)];
    }

    /// <summary>
    /// A merchant's disputes: the open ones first, soonest deadline first (the ones waiting on the merchant lead), then
    /// the closed ones, latest first.
    /// </summary>
    public async Task<IReadOnlyList<DisputeRow>> ForMerchantAsync(DisputeViewer viewer, CancellationToken ct)
    {
        var rows = await RowsAsync(db.Set<Dispute>().Where(d => d.MerchantId == viewer.PartyId), withMerchant: false, ct);
        return [.. rows.OrderBy(r => r.IsClosed).ThenBy(r => r.NextDeadline ?? DateTime.MaxValue).ThenByDescending(r => r.ReportedAt)];
    }

    /// <summary>Disputes waiting for a decision by staff, the oldest regulatory final-response deadline first.</summary>
    public async Task<IReadOnlyList<DisputeRow>> AwaitingDecisionAsync(CancellationToken ct)
    {
        var rows = await RowsAsync(db.Set<Dispute>().Where(d => AwaitingDecision.Contains(d.State)), withMerchant: true, ct);
        return [.. rows.OrderBy(r => r.FinalResponseBy).ThenBy(r => r.ReportedAt)];
    }

    /// <summary>
    /// Disputes whose clock has run out and that wait for the step the timer takes (a person may take it first):
    /// store period over, merchant deadline passed, appeal window closed. Oldest deadline first.
    /// </summary>
    public async Task<IReadOnlyList<DisputeRow>> DueAsync(DateTime now, CancellationToken ct)
    {
        var due = db.Set<Dispute>().Where(d =>
            (d.State == DisputeState.Reported && d.StoreResolutionDeadline <= now)
            || (d.State == DisputeState.Initiated && d.MerchantDeadline <= now)
            || (d.State == DisputeState.PreArbitration && d.AppealDeadline <= now));
        var rows = await RowsAsync(due, withMerchant: true, ct);
        return [.. rows.OrderBy(r => r.NextDeadline)];
    }

    /// <summary>The merchants that have at least one dispute, for the staff list's merchant filter.</summary>
    public async Task<IReadOnlyCollection<Guid>> MerchantsWithDisputesAsync(CancellationToken ct) =>
        await db.Set<Dispute>().AsNoTracking().Select(d => d.MerchantId).Distinct().ToListAsync(ct);

    /// <summary>
    /// The rows of a list; the other side's name is the merchant's for shoppers and staff, the customer's for merchants,
    /// read through Commerce's read service.
    /// </summary>
    private async Task<List<DisputeRow>> RowsAsync(IQueryable<Dispute> disputes, bool withMerchant, CancellationToken ct)
    {
        var found = await disputes.AsNoTracking()
            .Join(db.Set<Order>(), d => d.OrderId, o => o.Id, (d, o) => new { d, o.ExternalId })
            .ToListAsync(ct);
        var otherSides = found.Select(x => withMerchant ? x.d.MerchantId : x.d.CustomerId).Distinct().ToList();
        var parties = new CustomerOrders(db);
        var names = withMerchant ? await parties.MerchantNamesAsync(otherSides, ct) : await parties.NamesAsync(otherSides, ct);
        return [.. found.Select(x => new DisputeRow(
            x.d.Id, x.d.OrderId, x.ExternalId, names.GetValueOrDefault(withMerchant ? x.d.MerchantId : x.d.CustomerId, ""), x.d.Reason, x.d.State,
            x.d.Outcome, new Money(x.d.DisputedMinor, x.d.Currency), x.d.ReportedAt, x.d.FinalResponseBy, x.d.StoreResolutionDeadline,
            x.d.MerchantDeadline, x.d.AppealDeadline))];
    }
}

/// <summary>One dispute in a list, with the deadline that matters next in its state.</summary>
internal sealed record DisputeRow(
    Guid Id,
    Guid OrderId,
    string? OrderExternalId,
    string OtherSide,
    DisputeReason Reason,
    DisputeState State,
    DisputeOutcome? Outcome,
    Money Disputed,
    DateTime ReportedAt,
    DateTime FinalResponseBy,
    DateTime? StoreResolutionDeadline,
    DateTime? MerchantDeadline,
    DateTime? AppealDeadline)
{
    public bool IsClosed => State == DisputeState.Closed;

    /// <summary>The order as people know it: the merchant's own order number when there is one.</summary>
    public string OrderReference => OrderExternalId ?? OrderId.ToString()[..8];

    /// <summary>
    /// When the next step is due: the store period's end, the merchant's answer, the appeal window's end, or while the
    /// provider decides, the regulatory final response. Null once closed.
    /// </summary>
    public DateTime? NextDeadline => State switch
    {
        DisputeState.Reported => StoreResolutionDeadline,
        DisputeState.Initiated => MerchantDeadline,
        DisputeState.PreArbitration => AppealDeadline,
        DisputeState.Closed => null,
        _ => FinalResponseBy,
    };

    public bool IsOverdue(DateTime now) => NextDeadline is { } deadline && deadline <= now;
}

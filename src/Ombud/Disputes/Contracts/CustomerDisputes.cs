using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.StaffDesk;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Contracts;

/// <summary>
/// Disputes' read service for the modules above it: a customer's disputes as records, latest first per order. Scoped
/// to one customer, so a caller can only ever quote that customer's disputes. Also Disputes' share of the staff desk's
/// customer view (<see cref="ICustomerViewPart"/>).
/// </summary>
public sealed class CustomerDisputes(OmbudDb db) : ICustomerViewPart
{
    public async Task<IReadOnlyDictionary<string, object>?> ReadAsync(Guid customerId, CancellationToken ct) =>
        await OfCustomerAsync(customerId, ct) is { Count: > 0 } found ? new Dictionary<string, object> { ["disputes"] = found } : null;

    public async Task<IReadOnlyList<DisputeSummary>> OfCustomerAsync(Guid customerId, CancellationToken ct)
    {
        var disputes = await db.Set<Dispute>().AsNoTracking().Where(d => d.CustomerId == customerId)
            .OrderByDescending(d => d.ReportedAt).ToListAsync(ct);
        return [.. disputes.Select(DisputeSummary.Of)];
    }
}

/// <summary>A dispute as others see it: <see cref="Held"/> is what its payment pause holds on the order's plan.</summary>
public sealed record DisputeSummary(
    Guid Id,
    Guid OrderId,
    DisputeReason Reason,
    DisputeState State,
    bool IsOpen,
    DateTime ReportedAt,
    Money Disputed,
    Money Held,
    string? ReturnCarrier,
    string? ReturnTrackingNumber,
    DateTime? StoreResolutionDeadline,
    DateTime FinalResponseBy)
{
    /// <summary>The next date the shopper is told to expect: the store's deadline to resolve it, else the final response.</summary>
    public DateTime NextDeadline => StoreResolutionDeadline ?? FinalResponseBy;

    internal static DisputeSummary Of(Dispute d) => new(d.Id, d.OrderId, d.Reason, d.State, d.IsOpen, d.ReportedAt,
        new Money(d.DisputedMinor, d.Currency), new Money(d.HeldMinor, d.Currency), d.ReturnCarrier, d.ReturnTrackingNumber,
        d.StoreResolutionDeadline, d.FinalResponseBy);
}

using Ombud.Commerce;
using Ombud.Commerce.Ingestion;

namespace Ombud.Disputes.Api;

/// <summary>
/// A merchant's order over its API: what was bought and where it went, the shopper's payment plan as it stands (what a
/// dispute pauses included), the refunds given and the disputes on it. The provider's risk data (device, IP address)
/// and the shopper's contact details are not the store's to read here. Amounts are whole minor units in
/// <paramref name="Currency"/>.
/// </summary>
public sealed record MerchantOrderView(
    Guid Id,
    string? ExternalId,
    DateTime PlacedAt,
    string CustomerName,
    string Currency,
    IReadOnlyList<OrderLineResponse> Lines,
    long ShippingFee,
    long Total,
    SalesChannel Channel,
    OrderStatus Status,
    Address ShippingAddress,
    string? Carrier,
    string? TrackingNumber,
    DateTime? ShippedAt,
    DateTime? DeliveredAt,
    PlanResponse Plan,
    IReadOnlyList<RefundResponse> Refunds,
    IReadOnlyList<DisputeStatus> Disputes)
{
    internal static MerchantOrderView Of(MerchantOrderCase m)
    {
        var o = m.Order;
        return new(o.Id, o.ExternalId, o.PlacedAt, m.CustomerName, o.Currency,
            [.. o.Lines.OrderBy(l => l.Number).Select(l => new OrderLineResponse(l.Sku, l.Description, l.Quantity, l.UnitPriceMinor, l.TotalMinor))],
            o.ShippingFeeMinor, o.TotalMinor, o.Channel, o.Status, o.ShippingAddress, o.Carrier, o.TrackingNumber, o.ShippedAt, o.DeliveredAt,
            PlanResponse.From(o.Plan), [.. m.Refunds.Select(RefundResponse.From)], [.. m.Disputes.Select(d => DisputeStatus.Of(d, DisputeParty.Merchant))]);
    }
}

using Ombud.Commerce.Contracts;

namespace Ombud.Fraud.Features;

/// <summary>Ombud's own orders as risk events, so stored orders and CSV histories share one feature computation.</summary>
internal static class OrderEvents
{
    public static RiskEvent From(RiskOrderFacts o, bool? label = null) => new(
        o.OrderId.ToString(), o.PlacedAt, o.TotalMinor, o.Currency, o.CustomerId.ToString(), o.DeviceFingerprint, o.IpAddress, o.Email, o.Phone,
        o.InstrumentFingerprint, o.BillingAddress.ToLowerInvariant(), o.ShippingAddress.ToLowerInvariant(), o.AccountCreatedAt, o.MerchantCategory, label,
        // The demo world's labels have no date of their own: they count as known when the order was placed, as if a case
        // had been decided at once. Optimistic for link features; case decisions will carry their real date.
        label is null ? null : o.PlacedAt);

    /// <summary>
    /// Every stored order with its label. The demo world's ground truth covers every order (what it did not plant is
    /// honest), so an order without a label is legitimate there; without any labels there is nothing to learn from.
    /// </summary>
    public static async Task<IReadOnlyList<RiskEvent>> LabelledHistoryAsync(RiskHistory history, CancellationToken ct)
    {
        var labels = await history.LabelsAsync(null, ct);
        var events = new List<RiskEvent>();
        await foreach (var order in history.AllAsync().WithCancellation(ct))
        {
            events.Add(From(order, labels.Count == 0 ? null : labels.GetValueOrDefault(order.OrderId, false)));
        }

        return events;
    }
}

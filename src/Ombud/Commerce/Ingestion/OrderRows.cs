using Ombud.Platform.Storage;
using static Ombud.Platform.Storage.RowColumn;

namespace Ombud.Commerce.Ingestion;

/// <summary>
/// A new order as the rows it writes (order, lines, plan, instalments), staged for the unit of work's one round trip
/// instead of EF Core's change tracking: ingestion's hot path. The same columns as the EF model; a test holds them to it.
/// </summary>
internal static class OrderRows
{
    public static readonly RowTable Orders = new("commerce_orders",
        Id("Id"), Text("ExternalId"), Id("CustomerId"), Id("MerchantId"), Instant("PlacedAt"), Text("Currency"), Amount("ShippingFeeMinor"),
        Amount("TotalMinor"), Text("BillingAddress_Line1"), Text("BillingAddress_Line2"), Text("BillingAddress_City"),
        Text("BillingAddress_PostalCode"), Text("BillingAddress_Country"), Text("ShippingAddress_Line1"), Text("ShippingAddress_Line2"),
        Text("ShippingAddress_City"), Text("ShippingAddress_PostalCode"), Text("ShippingAddress_Country"), Text("Email"), Text("Phone"),
        Text("DeviceFingerprint"), Text("IpAddress"), Text("Channel"), Text("Status"), Text("InstrumentKind"), Text("InstrumentFingerprint"),
        Text("InstrumentBin"), Text("InstrumentLast4"));

    public static readonly RowTable Lines = new("commerce_order_lines",
        Id("OrderId"), Number("Number"), Text("Sku"), Text("Description"), Number("Quantity"), Amount("UnitPriceMinor"));

    public static readonly RowTable Plans = new("commerce_payment_plans",
        Id("Id"), Id("OrderId"), Id("CustomerId"), Text("Kind"), Text("Currency"), Amount("PrincipalMinor"), Number("AprBasisPoints"),
        Instant("CreatedAt"), Amount("RefundedMinor"), Amount("InterestForgivenMinor"), Number("Version"),
        Number("ExtensionsTaken"), Amount("WrittenOffMinor"));

    public static readonly RowTable Instalments = new("commerce_instalments",
        Id("PlanId"), Number("Sequence"), Date("DueDate"), Amount("OriginalAmountMinor"), Amount("AmountMinor"), Amount("PaidMinor"),
        Amount("LateFeeMinor"), Text("Status"), Amount("HeldMinor"), Amount("FeeMinor"), Amount("WaivedMinor"));

    /// <summary>Stages a newly placed order with its plan; the order's own constructors made every amount.</summary>
    public static void Stage(this StagedRows rows, Order o)
    {
        var (b, s) = (o.BillingAddress, o.ShippingAddress);
        rows.Add(Orders, o.Id, o.ExternalId, o.CustomerId, o.MerchantId, o.PlacedAt, o.Currency, o.ShippingFeeMinor, o.TotalMinor,
            b.Line1, b.Line2, b.City, b.PostalCode, b.Country, s.Line1, s.Line2, s.City, s.PostalCode, s.Country,
            o.Email, o.Phone, o.DeviceFingerprint, o.IpAddress, o.Channel.ToString(), o.Status.ToString(), o.InstrumentKind?.ToString(),
            o.InstrumentFingerprint, o.InstrumentBin, o.InstrumentLast4);
        foreach (var l in o.Lines)
        {
            rows.Add(Lines, o.Id, l.Number, l.Sku, l.Description, l.Quantity, l.UnitPriceMinor);
        }

        var p = o.Plan;
        rows.Add(Plans, p.Id, p.OrderId, p.CustomerId, p.Kind.ToString(), p.Currency, p.PrincipalMinor, p.AprBasisPoints, p.CreatedAt,
            p.RefundedMinor, p.InterestForgivenMinor, p.Version, p.ExtensionsTaken, p.WrittenOffMinor);
        foreach (var i in p.Instalments)
        {
            rows.Add(Instalments, p.Id, i.Sequence, i.DueDate, i.OriginalAmountMinor, i.AmountMinor, i.PaidMinor, i.LateFeeMinor,
                i.Status.ToString(), i.HeldMinor, i.FeeMinor, i.WaivedMinor);
        }
    }
}

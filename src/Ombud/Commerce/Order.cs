using Ombud.Platform;

namespace Ombud.Commerce;

/// <summary>A purchase a customer made at a merchant, paid through a <see cref="PaymentPlan"/>.</summary>
public sealed class Order
{
    private readonly List<OrderLine> _lines = [];

    private Order()
    {
    }

    public Order(Guid id, string? externalId, Guid customerId, Guid merchantId, DateTime placedAt, string currency,
        IEnumerable<OrderLine> lines, long shippingFeeMinor, Address billingAddress, Address shippingAddress,
        OrderContact contact, SalesChannel channel, PaymentInstrument? instrument = null)
    {
        Id = id;
        ExternalId = externalId;
        CustomerId = customerId;
        MerchantId = merchantId;
        PlacedAt = placedAt;
        Currency = currency;
        _lines.AddRange(lines.Select((line, i) => line with { Number = i + 1 }));
        ShippingFeeMinor = shippingFeeMinor;
        TotalMinor = checked(_lines.Sum(l => l.TotalMinor) + shippingFeeMinor);
        BillingAddress = billingAddress;
        ShippingAddress = shippingAddress;
        Email = contact.Email;
        Phone = contact.Phone;
        DeviceFingerprint = contact.DeviceFingerprint;
        IpAddress = contact.IpAddress;
        Channel = channel;
        (InstrumentKind, InstrumentFingerprint, InstrumentBin, InstrumentLast4) = (instrument?.Kind, instrument?.Fingerprint, instrument?.Bin, instrument?.Last4);
        Status = OrderStatus.Placed;
    }

    public Guid Id { get; private set; }

    public string? ExternalId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid MerchantId { get; private set; }

    public DateTime PlacedAt { get; private set; }

    public string Currency { get; private set; } = "";

    public IReadOnlyList<OrderLine> Lines => _lines;

    public long ShippingFeeMinor { get; private set; }

    public long TotalMinor { get; private set; }

    public Money Total => new(TotalMinor, Currency);

    public Address BillingAddress { get; private set; } = null!;

    public Address ShippingAddress { get; private set; } = null!;

    public string Email { get; private set; } = "";

    public string? Phone { get; private set; }

    public string? DeviceFingerprint { get; private set; }

    public string? IpAddress { get; private set; }

    public SalesChannel Channel { get; private set; }

    /// <summary>The payment instrument used at checkout, when the provider said (see <see cref="PaymentInstrument"/>).</summary>
    public InstrumentKind? InstrumentKind { get; private set; }

    public string? InstrumentFingerprint { get; private set; }

    public string? InstrumentBin { get; private set; }

    public string? InstrumentLast4 { get; private set; }

    public PaymentInstrument? Instrument => InstrumentKind is { } kind && InstrumentFingerprint is { } fingerprint
        ? new PaymentInstrument(kind, fingerprint, InstrumentBin, InstrumentLast4)
        : null;

    public OrderStatus Status { get; private set; }

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public DateTime? ShippedAt { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    public PaymentPlan Plan { get; private set; } = null!;

    public void AttachPlan(PaymentPlan plan) => Plan = plan;

    public Outcome<Order> Ship(string carrier, string trackingNumber, DateTime at)
    {
        if (Status is not OrderStatus.Placed)
        {
            return new Conflict($"Only a placed order can be shipped (this one is {Status}).");
        }

        (Carrier, TrackingNumber, ShippedAt, Status) = (carrier, trackingNumber, at, OrderStatus.Shipped);
        return this;
    }

    public Outcome<Order> Deliver(DateTime at)
    {
        if (Status is not OrderStatus.Shipped)
        {
            return new Conflict($"Only a shipped order can be delivered (this one is {Status}).");
        }

        (DeliveredAt, Status) = (at, OrderStatus.Delivered);
        return this;
    }

    /// <summary>Marks the goods as sent back; whether money follows is a <see cref="Refund"/>'s business.</summary>
    public Outcome<Order> Return(bool whole)
    {
        if (Status is not (OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.PartiallyReturned))
        {
            return new Conflict($"Only a shipped or delivered order can be returned (this one is {Status}).");
        }

        Status = whole ? OrderStatus.Returned : OrderStatus.PartiallyReturned;
        return this;
    }

    /// <summary>
    /// Forgets who placed the order (erasure): contact, device, payment instrument, address lines, tracking. Amounts, lines, dates and the
    /// countries of the addresses stay, as a lender's records must.
    /// </summary>
    internal void Pseudonymise(string email, string removed)
    {
        (Email, Phone, DeviceFingerprint, IpAddress, TrackingNumber) = (email, null, null, null, TrackingNumber is null ? null : removed);
        (InstrumentKind, InstrumentFingerprint, InstrumentBin, InstrumentLast4) = (null, null, null, null);
        BillingAddress = new Address(removed, null, removed, removed, BillingAddress.Country);
        ShippingAddress = new Address(removed, null, removed, removed, ShippingAddress.Country);
    }

    public Outcome<Order> Cancel()
    {
        if (Status is not OrderStatus.Placed)
        {
            return new Conflict($"Only an order not yet shipped can be cancelled (this one is {Status}).");
        }

        Status = OrderStatus.Cancelled;
        return this;
    }
}

/// <summary>How the customer could be reached and from where the order was placed, as the merchant saw it.</summary>
public sealed record OrderContact(string Email, string? Phone, string? DeviceFingerprint, string? IpAddress);

public sealed record OrderLine(string Sku, string Description, int Quantity, long UnitPriceMinor)
{
    /// <summary>1, 2, 3 … in the order the merchant listed them.</summary>
    public int Number { get; init; }

    public long TotalMinor => TotalOf(Quantity, UnitPriceMinor);

    /// <summary>A line's total from its stored quantity and unit price (for a read that projects them, not the line).</summary>
    internal static long TotalOf(int quantity, long unitPriceMinor) => checked(quantity * unitPriceMinor);
}

public enum SalesChannel
{
    Web,
    App,
    InStore,
}

public enum OrderStatus
{
    Placed,
    Shipped,
    Delivered,
    PartiallyReturned,
    Returned,
    Cancelled,
}

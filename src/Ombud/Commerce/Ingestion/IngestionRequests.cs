namespace Ombud.Commerce.Ingestion;

// What a provider's systems send. Everything is nullable so one response can name every missing field at once;
// amounts are whole minor units (a fraction fails to bind and is reported by field).

public sealed record CustomerRequest(
    string? ExternalId,
    string? Name,
    string? Email,
    string? Phone,
    string? Locale,
    string? Market,
    KycLevel? KycLevel,
    DateTime? AccountCreatedAt,
    AddressRequest? Address);

public sealed record MerchantRequest(string? ExternalId, string? Name, string? CategoryCode, string? Country, int? DisputeRateBasisPoints);

public sealed record AddressRequest(string? Line1, string? Line2, string? City, string? PostalCode, string? Country);

public sealed record OrderLineRequest(string? Sku, string? Description, int Quantity, long UnitPrice);

public sealed record OrderRequest(
    string? ExternalId,
    Guid? CustomerId,
    Guid? MerchantId,
    DateTime? PlacedAt,
    string? Currency,
    IReadOnlyList<OrderLineRequest>? Lines,
    long ShippingFee,
    AddressRequest? BillingAddress,
    AddressRequest? ShippingAddress,
    string? Email,
    string? Phone,
    string? DeviceFingerprint,
    string? IpAddress,
    SalesChannel? Channel,
    PlanKind? Plan,
    int? FinancingMonths,
    int? AprBasisPoints,
    PaymentInstrumentRequest? PaymentInstrument = null);

/// <summary>
/// The instrument paid with at checkout, as the provider's gateway identifies it: its fingerprint (the gateway's token
/// for the instrument, required), and for a person to read the BIN and last four digits. Never a card number.
/// </summary>
public sealed record PaymentInstrumentRequest(InstrumentKind? Kind, string? Fingerprint, string? Bin, string? Last4);

public sealed record PaymentRequest(string? ExternalId, Guid? OrderId, long Amount, string? Currency, PaymentMethod? Method, DateTime? ReceivedAt);

public sealed record RefundRequest(string? ExternalId, Guid? OrderId, long Amount, string? Currency, string? Reason);

public sealed record ShipmentRequest(string? Carrier, string? TrackingNumber, DateTime? ShippedAt);

public sealed record DeliveryRequest(DateTime? DeliveredAt);

public sealed record ReturnRequest(bool Whole = true);

/// <summary>An order feed's batch: up to <see cref="OrderBatches.MaxOrders"/> orders, each on its own.</summary>
public sealed record OrderBatchRequest(IReadOnlyList<OrderBatchItem?>? Orders);

/// <param name="IdempotencyKey">The order's own key: the same key as a single <c>POST /orders</c> would carry, so a retry
/// of the order alone or in another batch is recognised.</param>
public sealed record OrderBatchItem(string? IdempotencyKey, OrderRequest? Order);

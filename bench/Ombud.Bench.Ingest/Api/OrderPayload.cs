namespace Ombud.Bench.Ingest.Api;

/// <summary>
/// An order as the ingest API takes it; <see cref="ShippingFee"/> is in minor units. The financing fields are null,
/// and so left out, on every other plan.
/// </summary>
internal sealed record OrderPayload(
    string ExternalId,
    Guid CustomerId,
    Guid MerchantId,
    string Currency,
    IReadOnlyList<OrderLinePayload> Lines,
    long ShippingFee,
    AddressPayload BillingAddress,
    AddressPayload ShippingAddress,
    string Email,
    string Phone,
    string DeviceFingerprint,
    string IpAddress,
    string Channel,
    string Plan,
    int? FinancingMonths,
    int? AprBasisPoints);

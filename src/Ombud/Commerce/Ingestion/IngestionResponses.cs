namespace Ombud.Commerce.Ingestion;

// What the API answers. Amounts are whole minor units in the currency named beside them.

public sealed record CustomerResponse(
    Guid Id,
    string? ExternalId,
    string Name,
    string Email,
    string? Phone,
    string Locale,
    string Market,
    KycLevel KycLevel,
    DateTime AccountCreatedAt,
    Address? Address,
    IReadOnlyList<BalanceResponse>? Balances)
{
    public static CustomerResponse From(Customer c, IReadOnlyList<BalanceResponse>? balances = null) =>
        new(c.Id, c.ExternalId, c.Name, c.Email, c.Phone, c.Locale, c.Market, c.KycLevel, c.AccountCreatedAt, c.Address, balances);
}

public sealed record BalanceResponse(string Currency, long Outstanding, long Overdue, long Credit)
{
    public static BalanceResponse From(CustomerBalance b) => new(b.Outstanding.Currency, b.Outstanding.Minor, b.Overdue.Minor, b.Credit.Minor);
}

public sealed record MerchantResponse(Guid Id, string? ExternalId, string Name, string CategoryCode, string Country, int DisputeRateBasisPoints)
{
    public static MerchantResponse From(Merchant m) => new(m.Id, m.ExternalId, m.Name, m.CategoryCode, m.Country, m.DisputeRateBasisPoints);
}

public sealed record OrderLineResponse(string Sku, string Description, int Quantity, long UnitPrice, long Total);

/// <param name="Held">What a dispute has paused of this instalment: owed, but not collected until the dispute ends.</param>
public sealed record InstalmentResponse(int Sequence, DateOnly DueDate, long OriginalAmount, long Amount, long Paid, long LateFee, InstalmentStatus Status, long Held);

/// <param name="Held">The disputed amount whose collection is paused; <paramref name="HeldSince"/> says since when.</param>
public sealed record PlanResponse(Guid Id, PlanKind Kind, int AprBasisPoints, long Principal, long ScheduledTotal, long Outstanding, long Paid,
    long Held, DateTime? HeldSince, IReadOnlyList<InstalmentResponse> Instalments)
{
    public static PlanResponse From(PaymentPlan p) => new(p.Id, p.Kind, p.AprBasisPoints, p.PrincipalMinor, p.ScheduledTotal.Minor,
        p.Outstanding.Minor, p.Paid.Minor, p.Held.Minor, p.HeldSince,
        [.. p.Instalments.OrderBy(i => i.Sequence).Select(i => new InstalmentResponse(i.Sequence, i.DueDate, i.OriginalAmountMinor, i.AmountMinor, i.PaidMinor, i.LateFeeMinor, i.Status, i.HeldMinor))]);
}

public sealed record OrderResponse(
    Guid Id,
    string? ExternalId,
    Guid CustomerId,
    Guid MerchantId,
    DateTime PlacedAt,
    string Currency,
    IReadOnlyList<OrderLineResponse> Lines,
    long ShippingFee,
    long Total,
    Address BillingAddress,
    Address ShippingAddress,
    string Email,
    string? Phone,
    string? DeviceFingerprint,
    string? IpAddress,
    InstrumentResponse? PaymentInstrument,
    SalesChannel Channel,
    OrderStatus Status,
    string? Carrier,
    string? TrackingNumber,
    PlanResponse Plan)
{
    public static OrderResponse From(Order o) => new(o.Id, o.ExternalId, o.CustomerId, o.MerchantId, o.PlacedAt, o.Currency,
        [.. o.Lines.Select(l => new OrderLineResponse(l.Sku, l.Description, l.Quantity, l.UnitPriceMinor, l.TotalMinor))],
        o.ShippingFeeMinor, o.TotalMinor, o.BillingAddress, o.ShippingAddress, o.Email, o.Phone, o.DeviceFingerprint, o.IpAddress,
        o.Instrument is { } i ? new InstrumentResponse(i.Kind, i.Fingerprint, i.Bin, i.Last4, i.Label) : null, o.Channel, o.Status, o.Carrier, o.TrackingNumber, PlanResponse.From(o.Plan));
}

/// <summary>The order's payment instrument as the provider sent it, with the label people see.</summary>
public sealed record InstrumentResponse(InstrumentKind Kind, string Fingerprint, string? Bin, string? Last4, string Label);

public sealed record PaymentResponse(Guid Id, string? ExternalId, Guid OrderId, Guid CustomerId, long Amount, string Currency, PaymentMethod Method,
    DateTime ReceivedAt, long Overpaid)
{
    public static PaymentResponse From(Payment p) =>
        new(p.Id, p.ExternalId, p.OrderId, p.CustomerId, p.AmountMinor, p.Currency, p.Method, p.ReceivedAt, p.OverpaidMinor);
}

public sealed record RefundResponse(Guid Id, string? ExternalId, Guid OrderId, Guid CustomerId, long Amount, string Currency, string Reason,
    DateTime CreatedAt, long ReducedSchedule, long InterestForgiven, long ReturnedToCustomer)
{
    public static RefundResponse From(Refund r) => new(r.Id, r.ExternalId, r.OrderId, r.CustomerId, r.AmountMinor, r.Currency, r.Reason, r.CreatedAt,
        r.ReducedScheduleMinor, r.InterestForgivenMinor, r.ReturnedToCustomerMinor);
}

/// <summary>A batch's answer: one result per order, in the order sent, and the counts.</summary>
public sealed record OrderBatchResponse(int Created, int Existed, int Refused, IReadOnlyList<OrderBatchResult> Results);

/// <param name="Problem">Why the order was refused (RFC 9457 fields; <c>errors</c> keyed by the field's path in the batch).</param>
public sealed record OrderBatchResult(int Index, string? IdempotencyKey, OrderBatchStatus Status, Guid? Id, string? Location, ItemProblem? Problem);

public enum OrderBatchStatus
{
    /// <summary>Stored by this batch.</summary>
    Created,

    /// <summary>Stored before, under the same idempotency key and the same order: nothing stored again.</summary>
    Existed,

    /// <summary>Not stored; <see cref="OrderBatchResult.Problem"/> says why.</summary>
    Refused,
}

/// <summary>The problem of one item of a batch, shaped as RFC 9457 problem details.</summary>
public sealed record ItemProblem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors);

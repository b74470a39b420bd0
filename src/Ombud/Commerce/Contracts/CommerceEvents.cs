namespace Ombud.Commerce.Contracts;

/// <summary>
/// An order was taken in (ingestion API), with what a risk check or a dashboard needs without reading Commerce's
/// tables. Published in the order's own transaction.
/// </summary>
public sealed record OrderPlaced(Guid OrderId, Guid CustomerId, Guid MerchantId, long TotalMinor, string Currency, string Plan,
    string Channel, string? DeviceFingerprint, string? IpAddress, DateTime PlacedAt)
{
    public const string Type = "order.placed";
    public const int Version = 1;
}

/// <summary>
/// The merchant reported how an order is getting on: <see cref="Step"/> is shipped, delivered, returned or cancelled.
/// Ids only; what the order looks like now is read from Commerce.
/// </summary>
public sealed record OrderProgressed(Guid OrderId, Guid CustomerId, string Step, DateTime At)
{
    public const string Type = "order.progressed";
    public const int Version = 1;
}

/// <summary>A payment was received towards an order's plan; <see cref="OverpaidMinor"/> of it found nothing to pay and is credit.</summary>
public sealed record PaymentReceived(Guid PaymentId, Guid OrderId, Guid CustomerId, long AmountMinor, long OverpaidMinor, string Currency, DateTime ReceivedAt)
{
    public const string Type = "payment.received";
    public const int Version = 1;
}

/// <summary>A refund was issued on an order, by the store (ingestion) or by a dispute's outcome.</summary>
public sealed record RefundIssued(Guid RefundId, Guid OrderId, Guid CustomerId, long AmountMinor, string Currency, string Reason, DateTime IssuedAt)
{
    public const string Type = "refund.issued";
    public const int Version = 1;
}

/// <summary>A plan in payment difficulty was adjusted (<see cref="Kind"/>: extendDueDate, replan, breathingSpace, waiveLateFees, writeOff).</summary>
public sealed record PlanAdjusted(Guid AdjustmentId, Guid PlanId, Guid OrderId, Guid CustomerId, string Kind, long FeeMinor, long ReliefMinor,
    string Currency, bool ByStaff, DateTime AdjustedAt)
{
    public const string Type = "plan.adjusted";
    public const int Version = 1;
}

/// <summary>
/// The difficulty watch reached out to a shopper with their options (an in-app message, <see cref="NoticeId"/>). The
/// words are in the event so a mail sender can send the same message by e-mail without reading Commerce's tables.
/// </summary>
public sealed record DifficultyContactMade(Guid CaseId, Guid NoticeId, Guid CustomerId, string Market, string Title, string Body, DateTime SentAt)
{
    public const string Type = "difficulty.contact-made";
    public const int Version = 1;
}

/// <summary>
/// A plan was handed over to collection after its notice (<see cref="NoticeId"/>) ran its days. Nothing is charged by
/// the hand-over: <see cref="OutstandingMinor"/> is what was owed. Ids and amounts only, no personal data.
/// </summary>
public sealed record PlanHandedToCollection(Guid PlanId, Guid OrderId, Guid CustomerId, Guid NoticeId, long OutstandingMinor, string Currency, DateTime HandedOverAt)
{
    public const string Type = "plan.handed-to-collection";
    public const int Version = 1;
}

/// <summary>Staff withdrew a plan's hand-over to collection (e.g. the shopper paid); <see cref="OutstandingMinor"/> is what is still owed.</summary>
public sealed record PlanCollectionWithdrawn(Guid PlanId, Guid OrderId, Guid CustomerId, long OutstandingMinor, string Currency, DateTime WithdrawnAt)
{
    public const string Type = "plan.collection-withdrawn";
    public const int Version = 1;
}

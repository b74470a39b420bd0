using Ombud.Platform;

namespace Ombud.Disputes;

/// <summary>A shopper's "report a problem": the whole order, or one line of it; by default all of it is disputed.</summary>
public sealed record ProblemReport(Guid OrderId, DisputeReason Reason, string? Description, int? LineNumber = null, long? AmountMinor = null);

/// <summary>The merchant's one answer in initiated. Files come later.</summary>
public sealed record MerchantEvidence(string Text, string? Carrier = null, string? TrackingNumber = null);

/// <summary>A decision on a dispute; a refund of null in the shopper's favour is the whole disputed amount.</summary>
public sealed record DisputeDecision(bool MerchantWins, DisputeOutcomeDetail Detail, Money? Refund = null, string? Note = null);

/// <summary>The event the fraud module will consume: an unauthorised-purchase report opens a fraud case.</summary>
public sealed record UnauthorisedPurchaseReported(Guid DisputeId, Guid OrderId, Guid CustomerId, Guid MerchantId, long AmountMinor, string Currency, DateTime ReportedAt)
{
    public const string Type = "dispute.unauthorised-reported";
}

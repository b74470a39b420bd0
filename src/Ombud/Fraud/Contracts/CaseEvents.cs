namespace Ombud.Fraud.Contracts;

/// <summary>A fraud case was opened on an order (from a report, a review decision, or by hand).</summary>
public sealed record FraudCaseOpened(Guid CaseId, Guid OrderId, Guid CustomerId, Guid? DisputeId, string Source, long AtStakeMinor, string Currency,
    string? AssigneeId, DateTime OpenedAt)
{
    public const string Type = "fraud.case-opened";
}

/// <summary>
/// Liability on a case was decided. <see cref="IsFraud"/> is the label the decision feeds back to scoring and
/// training; <see cref="RecoveryDueMinor"/> is what the provider now recovers from the merchant or writes off.
/// </summary>
public sealed record FraudCaseDecided(Guid CaseId, Guid OrderId, Guid CustomerId, Guid? DisputeId, string Liability, bool IsFraud,
    long RecoveryDueMinor, string Currency, DateTime DecidedAt)
{
    public const string Type = "fraud.case-decided";
}

/// <summary>Part of a case's loss was recovered from the merchant or written off.</summary>
public sealed record FraudRecoveryBooked(Guid CaseId, Guid OrderId, string Kind, long AmountMinor, string Currency, long StillOpenMinor, DateTime BookedAt)
{
    public const string Type = "fraud.recovery-booked";
}

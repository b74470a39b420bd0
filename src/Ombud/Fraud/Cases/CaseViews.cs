using Ombud.Disputes.Contracts;
using Ombud.Platform;

namespace Ombud.Fraud.Cases;

/// <summary>A case as the queue lists it.</summary>
public sealed record CaseRow(Guid Id, CaseState State, CaseSource Source, Guid OrderId, Guid CustomerId, string CustomerName, Money AtStake,
    string? AssigneeId, string? AssigneeName, Liability? Liability, DateTime OpenedAt);

/// <summary>One line of a case's timeline, whatever it comes from: the case itself, the order, a risk decision, the dispute, a conversation.</summary>
public sealed record TimelineItem(DateTime At, string Source, string Title, string? Detail, string? Link = null, Guid? FileEntryId = null, string? FileName = null);

/// <summary>An order that shares an identity with the case's order, and which identities it shares.</summary>
public sealed record LinkedOrder(Guid OrderId, Guid CustomerId, string CustomerName, DateTime PlacedAt, Money Total, IReadOnlyList<string> Shared,
    bool? IsFraud, bool Disputed);

/// <summary>The identities the order carried.</summary>
public sealed record OrderIdentities(string? Email, string? Phone, string? Device, string? IpAddress, string BillingAddress, string ShippingAddress);

/// <summary>A whole case for the specialist: the case, what it rests on, the suggestion, the timeline and the links.</summary>
public sealed record CaseView(
    Guid Id,
    CaseState State,
    CaseSource Source,
    string Summary,
    Guid OrderId,
    string? OrderReference,
    string? MerchantName,
    Guid CustomerId,
    string CustomerName,
    Money AtStake,
    string? AssigneeId,
    string? AssigneeName,
    DateTime OpenedAt,
    Liability? Liability,
    string? DecisionNote,
    DateTime? DecidedAt,
    Money RecoveryDue,
    Money Recovered,
    Money WrittenOff,
    Money RecoveryOpen,
    DisputeStanding? Dispute,
    OrderIdentities? Identities,
    SuggestedOutcome? Suggestion,
    IReadOnlyList<TimelineItem> Timeline,
    IReadOnlyList<LinkedOrder> Linked);

/// <summary>A file kept on a case, to download.</summary>
public sealed record CaseFileDownload(string FileName, string ContentType, byte[] Content);

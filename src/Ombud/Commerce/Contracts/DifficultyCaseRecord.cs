namespace Ombud.Commerce.Contracts;

/// <summary>A case in the staff financial-difficulty queue, as staff see it.</summary>
public sealed record DifficultyCaseRecord(Guid Id, Guid CustomerId, string CustomerName, string Market, DifficultyCaseStatus Status,
    IReadOnlyList<string> Reasons, DateTime OpenedAt, DateTime FlaggedAt, DateTime? LastContactedAt, string? LastContactedBy, int Contacts,
    DateTime? ResolvedAt, string? ResolvedBy, string? Resolution);

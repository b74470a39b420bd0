namespace Ombud.Commerce;

/// <summary>
/// A message to a shopper about their payments, shown in their pages: a respectful contact from the difficulty watch
/// with their options, a notice before a late fee or before a hand-over to collection. Kept as it was sent (the words are what the shopper saw).
/// </summary>
public sealed class DifficultyNotice
{
    private DifficultyNotice()
    {
    }

    internal DifficultyNotice(Guid id, Guid customerId, NoticeKind kind, string title, string body, DateTime sentAt, Guid? caseId = null, Guid? planId = null)
    {
        Id = id;
        CustomerId = customerId;
        Kind = kind;
        Title = title;
        Body = body;
        SentAt = sentAt;
        CaseId = caseId;
        PlanId = planId;
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public NoticeKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTime SentAt { get; private set; }

    /// <summary>The difficulty case it was sent for.</summary>
    public Guid? CaseId { get; private set; }

    /// <summary>The plan a notice before action is about.</summary>
    public Guid? PlanId { get; private set; }

    /// <summary>When the action a notice before action announced was taken or dropped; null while it is still to come.</summary>
    public DateTime? ClosedAt { get; private set; }

    /// <summary>What came of the notice, in words staff read: "handed over to collection", or why not.</summary>
    public string? Outcome { get; private set; }

    internal void Close(string outcome, DateTime at)
    {
        Outcome = outcome;
        ClosedAt = at;
    }
}

public enum NoticeKind
{
    /// <summary>The watch saw signs of difficulty and reaches out with the shopper's options.</summary>
    DifficultyContact,

    /// <summary>A late fee will be charged on a date unless the payment is made or an option is taken.</summary>
    LateFeeNotice,

    /// <summary>The plan will be handed over to collection on a date unless the payment is made or an option is taken.</summary>
    CollectionNotice,
}

using Ombud.Disputes.Evidence;
using Ombud.Platform;

namespace Ombud.Fraud.Cases;

/// <summary>
/// A fraud specialist's investigation of one order: who placed it and who should pay. Every change is a method that
/// refuses moves the state does not allow and appends a <see cref="CaseEntry"/> to the case's own timeline; money is
/// in minor units of the order's currency.
/// </summary>
public sealed class FraudCase
{
    private FraudCase()
    {
    }

    internal FraudCase(Guid id, CaseSource source, string sourceKey, Guid orderId, Guid customerId, Guid? disputeId, Money atStake, string summary,
        string actor, DateTime at)
    {
        Id = id;
        Source = source;
        SourceKey = sourceKey;
        OrderId = orderId;
        CustomerId = customerId;
        DisputeId = disputeId;
        Currency = atStake.Currency;
        AtStakeMinor = atStake.Minor;
        Summary = summary;
        OpenedBy = actor;
        OpenedAt = at;
        State = CaseState.Open;
    }

    public Guid Id { get; private set; }

    public CaseSource Source { get; private set; }

    /// <summary>What opened it, once: <c>dispute:&lt;id&gt;</c>, <c>decision:&lt;id&gt;</c>, <c>manual:&lt;case id&gt;</c> (unique).</summary>
    public string SourceKey { get; private set; } = "";

    public Guid OrderId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid? DisputeId { get; private set; }

    public string Currency { get; private set; } = "";

    /// <summary>The money in question: the disputed amount, else the order's total.</summary>
    public long AtStakeMinor { get; private set; }

    public Money AtStake => new(AtStakeMinor, Currency);

    public string Summary { get; private set; } = "";

    public CaseState State { get; private set; }

    /// <summary>The specialist's account id, or null while nobody is assigned.</summary>
    public string? AssigneeId { get; private set; }

    public string? AssigneeName { get; private set; }

    public DateTime OpenedAt { get; private set; }

    public string OpenedBy { get; private set; } = "";

    public Liability? Liability { get; private set; }

    public string? DecisionNote { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    /// <summary>What the provider must recover or write off: the amount at stake when the shopper was cleared, else nothing.</summary>
    public long RecoveryDueMinor { get; private set; }

    public long RecoveredMinor { get; private set; }

    public long WrittenOffMinor { get; private set; }

    public long RecoveryOpenMinor => RecoveryDueMinor - RecoveredMinor - WrittenOffMinor;

    public DateTime? ClosedAt { get; private set; }

    /// <summary>Bumped by every change, so two specialists acting at once cannot both win.</summary>
    public int Version { get; private set; }

    public bool IsAssignedTo(string? userId) => userId is not null && AssigneeId == userId;

    public bool IsDecided => Liability is not null;

    internal CaseEntry Opened(string actor, DateTime at) => Entry(CaseEntryKind.Opened, actor, at, Summary);

    internal Outcome<CaseEntry> Assign(string userId, string name, string actor, DateTime at)
    {
        if (IsDecided)
        {
            return new Conflict($"The case is {State.Words()}: liability is decided, so it is no longer assigned.");
        }

        if (AssigneeId == userId)
        {
            return new Conflict($"The case is already assigned to {name}.");
        }

        (AssigneeId, AssigneeName) = (userId, name);
        return Entry(CaseEntryKind.Assigned, actor, at, $"assigned to {name}");
    }

    /// <summary>The assignee starts work: the case moves from open to investigating.</summary>
    internal Outcome<CaseEntry> Start(string actor, DateTime at)
    {
        if (State != CaseState.Open)
        {
            return new Conflict($"Only an open case can be started (it is {State.Words()}).");
        }

        State = CaseState.Investigating;
        return Entry(CaseEntryKind.Started, actor, at, "investigation started");
    }

    internal Outcome<CaseEntry> Decide(Liability liability, string note, string actor, DateTime at)
    {
        if (State is not (CaseState.Open or CaseState.Investigating))
        {
            return new Conflict($"Liability can only be decided on an open or investigating case (it is {State.Words()}, decided {Liability?.Words()}).");
        }

        (Liability, DecisionNote, DecidedAt, DecidedBy) = (liability, note, at, actor);
        RecoveryDueMinor = liability.ClearsShopper() ? AtStakeMinor : 0;
        State = RecoveryDueMinor > 0 ? CaseState.RecoveryPending : CaseState.Decided;
        return Entry(CaseEntryKind.Decided, actor, at, $"{liability.Words()}: {note}");
    }

    /// <summary>Books money recovered from the merchant or written off; the case closes when nothing is left open.</summary>
    internal Outcome<CaseEntry> BookRecovery(RecoveryKind kind, Money amount, string? note, string actor, DateTime at)
    {
        if (State != CaseState.RecoveryPending)
        {
            return new Conflict($"Recovery can only be booked while it is pending (the case is {State.Words()}).");
        }

        if (amount.Currency != Currency)
        {
            return Invalid.Field("currency", $"The case is in {Currency}; a recovery on it must be too.");
        }

        if (amount.Minor <= 0 || amount.Minor > RecoveryOpenMinor)
        {
            return Invalid.Field("amount", $"The amount must be more than nothing and at most what is still open, {new Money(RecoveryOpenMinor, Currency)}.");
        }

        if (kind == RecoveryKind.Recovered)
        {
            RecoveredMinor += amount.Minor;
        }
        else
        {
            WrittenOffMinor += amount.Minor;
        }

        var entry = Entry(kind == RecoveryKind.Recovered ? CaseEntryKind.Recovered : CaseEntryKind.WrittenOff, actor, at,
            $"{(kind == RecoveryKind.Recovered ? "recovered from the merchant" : "written off")}: {amount}{(string.IsNullOrWhiteSpace(note) ? "" : $" ({note})")}",
            amount.Minor);
        if (RecoveryOpenMinor == 0)
        {
            State = CaseState.Closed;
            ClosedAt = at;
        }

        return entry;
    }

    internal Outcome<CaseEntry> Close(string actor, DateTime at)
    {
        if (State != CaseState.Decided)
        {
            return new Conflict(State == CaseState.RecoveryPending
                ? $"The case closes by itself once the loss is recovered or written off; {new Money(RecoveryOpenMinor, Currency)} is still open."
                : $"Only a decided case can be closed (it is {State.Words()}).");
        }

        State = CaseState.Closed;
        ClosedAt = at;
        return Entry(CaseEntryKind.Closed, actor, at, "closed");
    }

    internal Outcome<CaseEntry> Note(CaseEntryKind kind, string text, string? link, EvidenceUpload? file, string actor, DateTime at)
    {
        if (State == CaseState.Closed)
        {
            return new Conflict("The case is closed; nothing more can be added to it.");
        }

        return Entry(kind, actor, at, text, null, link, file);
    }

    private CaseEntry Entry(CaseEntryKind kind, string actor, DateTime at, string text, long? amountMinor = null, string? link = null, EvidenceUpload? file = null)
    {
        Version++;
        return new CaseEntry(Guid.CreateVersion7(at), Id, kind, actor, at, text, amountMinor, link, file);
    }

    /// <summary>Erasure: the words about the customer go; amounts, liability, dates and ids stay so the books still add up.</summary>
    internal void RemoveText(string removed)
    {
        Summary = removed;
        DecisionNote = DecisionNote is null ? null : removed;
    }
}

using Ombud.Commerce;
using Ombud.Platform;

namespace Ombud.Disputes;

/// <summary>
/// A shopper's problem with an order, from the report through the store-resolution period and the merchant-side
/// lifecycle to its outcome. Every change is a method that refuses moves the current state does not allow
/// (<see cref="DisputeMoves"/>) and appends a <see cref="DisputeTransition"/>; deadlines are stored data.
/// Money is decided here (<see cref="RefundMinor"/>) and moved by <see cref="DisputeService"/> on the order's plan.
/// </summary>
public sealed partial class Dispute
{
    private readonly List<DisputeTransition> _transitions = [];

    private Dispute()
    {
    }

    private Dispute(Guid id, Order order, int? lineNumber, DisputeReason reason, Money disputed, string market,
        RegulatoryDeadlines regulatory, DateTime at)
    {
        Id = id;
        OrderId = order.Id;
        CustomerId = order.CustomerId;
        MerchantId = order.MerchantId;
        LineNumber = lineNumber;
        Reason = reason;
        Currency = disputed.Currency;
        DisputedMinor = disputed.Minor;
        Market = market;
        ReportedAt = at;
        RegulatoryPolicy = regulatory.Policy;
        AcknowledgeBy = regulatory.AcknowledgeBy;
        FinalResponseBy = regulatory.FinalResponseBy;
        SummaryResolutionBy = regulatory.SummaryResolutionBy;
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid MerchantId { get; private set; }

    /// <summary>The disputed order line, or null when the whole order is disputed.</summary>
    public int? LineNumber { get; private set; }

    public DisputeReason Reason { get; private set; }

    public DisputeState State { get; private set; }

    public DisputeOutcome? Outcome { get; private set; }

    public DisputeOutcomeDetail? OutcomeDetail { get; private set; }

    public string Currency { get; private set; } = "";

    public long DisputedMinor { get; private set; }

    public Money Disputed => new(DisputedMinor, Currency);

    /// <summary>What the plan held when the dispute was reported: the disputed amount less what was already paid.</summary>
    public long HeldMinor { get; private set; }

    /// <summary>What the shopper gets back: set by a decision or an accepted loss, paid as a refund when the dispute closes.</summary>
    public long RefundMinor { get; private set; }

    public Guid? RefundId { get; private set; }

    /// <summary>What the store refunded itself during the store period (<see cref="RefundInStore"/>); a later decision pays only the rest.</summary>
    public long StoreRefundedMinor { get; private set; }

    /// <summary>The customer's market when reported; it chose the regulatory policy.</summary>
    public string Market { get; private set; } = "";

    public DateTime ReportedAt { get; private set; }

    public string RegulatoryPolicy { get; private set; } = "";

    public DateTime AcknowledgeBy { get; private set; }

    public DateTime FinalResponseBy { get; private set; }

    public DateTime? SummaryResolutionBy { get; private set; }

    /// <summary>Until when the shopper and the store may settle; null when the report skipped the store (unauthorised, high risk).</summary>
    public DateTime? StoreResolutionDeadline { get; private set; }

    public string? ReturnCarrier { get; private set; }

    public string? ReturnTrackingNumber { get; private set; }

    public DateTime? EscalatedAt { get; private set; }

    public DateTime? MerchantDeadline { get; private set; }

    public string? EvidenceText { get; private set; }

    public string? EvidenceCarrier { get; private set; }

    public string? EvidenceTrackingNumber { get; private set; }

    public DateTime? EvidenceSubmittedAt { get; private set; }

    public DateTime? AppealDeadline { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>The latest decision in plain words, for the shopper, the merchant and staff alike (see Decisions/DecisionRules).</summary>
    public string? Explanation { get; private set; }

    /// <summary>UK DISP 1.5: closed by the end of the third business day after receipt, so a summary resolution.</summary>
    public bool IsSummaryResolution => ClosedAt is { } closed && SummaryResolutionBy is { } by && closed < by;

    public bool IsOpen => State != DisputeState.Closed;

    public IReadOnlyList<DisputeTransition> Transitions => _transitions;

    public IReadOnlyList<DisputeMove> AllowedMoves => DisputeMoves.AllowedIn(State);

    /// <summary>
    /// A shopper's report. Collection of the disputed amount on the plan is paused at once. Unauthorised purchases
    /// skip the store-resolution period: the shopper never dealt with the store, so there is nothing to settle with it.
    /// </summary>
    internal static Outcome<Dispute> Report(Guid id, Order order, int? lineNumber, DisputeReason reason, Money disputed,
        string market, string? description, string actor, DisputeClock clock, DateTime at)
    {
        if (reason == DisputeReason.HighRiskPurchase)
        {
            return Invalid.Field("reason", "A high-risk purchase is raised by the provider, not reported by the shopper.");
        }

        return Open(id, order, lineNumber, reason, disputed, market, description, actor, clock, at,
            reason == DisputeReason.UnauthorisedPurchase ? DisputeMove.Report : null);
    }

    /// <summary>The provider flags a purchase as high risk: the merchant must stop delivery or respond within 96 hours.</summary>
    internal static Outcome<Dispute> RaiseHighRisk(Guid id, Order order, string market, string? description, string actor,
        DisputeClock clock, DateTime at) =>
        Open(id, order, null, DisputeReason.HighRiskPurchase, order.Total, market, description, actor, clock, at, DisputeMove.RaiseHighRisk);

    private static Outcome<Dispute> Open(Guid id, Order order, int? lineNumber, DisputeReason reason, Money disputed,
        string market, string? description, string actor, DisputeClock clock, DateTime at, DisputeMove? straightToMerchant)
    {
        var held = order.Plan.Hold(disputed, at);
        if (!held.Succeeded)
        {
            return held.Error!;
        }

        var dispute = new Dispute(id, order, lineNumber, reason, disputed, market, clock.Regulatory(market, at), at)
        {
            HeldMinor = held.Value.Minor,
        };
        if (straightToMerchant is { } move)
        {
            dispute.State = DisputeState.Initiated;
            dispute.EscalatedAt = at;
            dispute.MerchantDeadline = clock.MerchantDeadline(reason, at);
            dispute.Record(move, DisputeState.Initiated, DisputeState.Initiated, actor, at, description);
        }
        else
        {
            dispute.State = DisputeState.Reported;
            dispute.StoreResolutionDeadline = clock.StoreResolutionDeadline(at, withReturn: false);
            dispute.Record(DisputeMove.Report, DisputeState.Reported, DisputeState.Reported, actor, at, description);
        }

        return dispute;
    }

    internal void Explain(string explanation) => Explanation = explanation;

    /// <summary>
    /// Erasure: every free text (the shopper's words, both sides' notes, evidence text, tracking that leads to an
    /// address, the decision's explanation) goes; states, amounts, dates and who moved it stay.
    /// </summary>
    internal void RemoveText(string removed)
    {
        EvidenceText = EvidenceText is null ? null : removed;
        EvidenceTrackingNumber = EvidenceTrackingNumber is null ? null : removed;
        ReturnTrackingNumber = ReturnTrackingNumber is null ? null : removed;
        Explanation = Explanation is null ? null : removed;
        foreach (var step in _transitions)
        {
            step.RemoveNote(removed);
        }
    }

    private void Record(DisputeMove move, DisputeState from, DisputeState to, string actor, DateTime at, string? note) =>
        _transitions.Add(new DisputeTransition(_transitions.Count + 1, at, actor, move, from, to, note));

    private Dispute MoveTo(DisputeMove move, DisputeState to, string actor, DateTime at, string? note)
    {
        var from = State;
        State = to;
        if (to == DisputeState.Closed)
        {
            ClosedAt = at;
        }

        Record(move, from, to, actor, at, note);
        return this;
    }

    private Dispute CloseAs(DisputeMove move, DisputeOutcome outcome, DisputeOutcomeDetail detail, string actor, DateTime at, string? note)
    {
        (Outcome, OutcomeDetail) = (outcome, detail);
        return MoveTo(move, DisputeState.Closed, actor, at, note);
    }

    /// <summary>The refund a decision grants: all of the disputed amount when none is named, never more.</summary>
    private Outcome<long> RefundOf(Money? refund)
    {
        var amount = refund ?? Disputed;
        if (amount.Currency != Currency)
        {
            return Invalid.Field("refund", $"The dispute is in {Currency}; a refund on it must be too.");
        }

        if (amount.Minor <= 0 || amount.Minor > DisputedMinor)
        {
            return Invalid.Field("refund", $"A refund must be more than nothing and at most the disputed amount, {Disputed}.");
        }

        return amount.Minor;
    }
}

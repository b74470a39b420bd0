using Ombud.Platform;

namespace Ombud.Disputes;

/// <summary>The moves of a dispute once reported. Each checks the state table first and its own rules second, and changes nothing when it refuses.</summary>
public sealed partial class Dispute
{
    /// <summary>The shopper sent the goods back: the store gets longer to settle, for the parcel to arrive.</summary>
    internal Outcome<Dispute> RegisterReturn(string carrier, string trackingNumber, string actor, DisputeClock clock, DateTime at)
    {
        if (DisputeMoves.Refusal(DisputeMove.RegisterReturn, State) is { } refused)
        {
            return refused;
        }

        (ReturnCarrier, ReturnTrackingNumber) = (carrier, trackingNumber);
        StoreResolutionDeadline = clock.StoreResolutionDeadline(ReportedAt, withReturn: true);
        return MoveTo(DisputeMove.RegisterReturn, State, actor, at, $"{carrier} {trackingNumber}");
    }

    internal Outcome<Dispute> AddInformation(string text, string actor, DateTime at) =>
        DisputeMoves.Refusal(DisputeMove.AddInformation, State) is { } refused
            ? refused
            : MoveTo(DisputeMove.AddInformation, State, actor, at, text);

    /// <summary>
    /// The shopper says the store sorted it out. What the store refunded here is what the dispute gave back
    /// (already paid, nothing more moves); a refund the store made elsewhere arrives as a refund of its own.
    /// </summary>
    internal Outcome<Dispute> MarkSettled(string actor, DateTime at, string? note)
    {
        if (DisputeMoves.Refusal(DisputeMove.MarkSettled, State) is { } refused)
        {
            return refused;
        }

        RefundMinor = StoreRefundedMinor;
        return CloseAs(DisputeMove.MarkSettled, DisputeOutcome.SettledWithStore, DisputeOutcomeDetail.SettledWithStore, actor, at, note);
    }

    internal Outcome<Dispute> Withdraw(string actor, DateTime at, string? note)
    {
        if (DisputeMoves.Refusal(DisputeMove.Withdraw, State) is { } refused)
        {
            return refused;
        }

        // A withdrawn dispute pays nothing, even after a preliminary decision for the shopper.
        RefundMinor = 0;
        return CloseAs(DisputeMove.Withdraw, DisputeOutcome.Withdrawn, DisputeOutcomeDetail.WithdrawnByShopper, actor, at, note);
    }

    /// <summary>The store-resolution period ran out unsettled: the provider investigates and the merchant's clock starts.</summary>
    internal Outcome<Dispute> Escalate(string actor, DisputeClock clock, DateTime at)
    {
        if (DisputeMoves.Refusal(DisputeMove.Escalate, State) is { } refused)
        {
            return refused;
        }

        if (at < StoreResolutionDeadline)
        {
            return new Conflict($"The shopper and the store have until {StoreResolutionDeadline:u} to settle; the report escalates after that.");
        }

        return Investigate(DisputeMove.Escalate, actor, clock, at, null);
    }

    /// <summary>The provider investigates from now on (the store period ran out, or the shopper went on): the merchant's clock starts.</summary>
    private Outcome<Dispute> Investigate(DisputeMove move, string actor, DisputeClock clock, DateTime at, string? note)
    {
        EscalatedAt = at;
        MerchantDeadline = clock.MerchantDeadline(Reason, at);
        return MoveTo(move, DisputeState.Initiated, actor, at, note);
    }

    /// <summary>The merchant accepts the loss, in full or in part; what it does not refund resumes on the plan.</summary>
    internal Outcome<Dispute> AcceptLoss(Money? refund, string actor, DateTime at, string? note)
    {
        if (DisputeMoves.Refusal(DisputeMove.AcceptLoss, State) is { } refused)
        {
            return refused;
        }

        var amount = RefundOf(refund);
        if (!amount.Succeeded)
        {
            return amount.Error!;
        }

        RefundMinor = amount.Value;
        return CloseAs(DisputeMove.AcceptLoss, DisputeOutcome.MerchantLost, DisputeOutcomeDetail.MerchantAcceptedLoss, actor, at, note);
    }

    /// <summary>The merchant's one answer: evidence, before its deadline. Files come later; text and tracking now.</summary>
    internal Outcome<Dispute> SubmitEvidence(string text, string? carrier, string? trackingNumber, string actor, DateTime at)
    {
        if (DisputeMoves.Refusal(DisputeMove.SubmitEvidence, State) is { } refused)
        {
            return refused;
        }

        if (at >= MerchantDeadline)
        {
            return new Conflict($"The merchant's deadline passed at {MerchantDeadline:u}; evidence can no longer be submitted.");
        }

        (EvidenceText, EvidenceCarrier, EvidenceTrackingNumber, EvidenceSubmittedAt) = (text, carrier, trackingNumber, at);
        return MoveTo(DisputeMove.SubmitEvidence, DisputeState.Representment, actor, at, text);
    }

    /// <summary>
    /// The provider's decision. In representment it is preliminary: for the merchant it closes the dispute, for the
    /// shopper it opens the merchant's appeal window (pre-arbitration). In arbitration it is final.
    /// </summary>
    internal Outcome<Dispute> Decide(bool merchantWins, Money? refund, DisputeOutcomeDetail detail, string actor, DisputeClock clock, DateTime at, string? note)
    {
        if (DisputeMoves.Refusal(DisputeMove.Decide, State) is { } refused)
        {
            return refused;
        }

        if (!DecisionDetails(merchantWins).Contains(detail))
        {
            return Invalid.Field("detail", $"A decision for the {(merchantWins ? "merchant" : "shopper")}{(State == DisputeState.Arbitration ? " on an appeal" : "")} "
                + $"gives one of: {string.Join(", ", DecisionDetails(merchantWins).Select(ApiName))}; not {ApiName(detail)}.");
        }

        if (merchantWins)
        {
            // An appeal upheld in arbitration overturns the preliminary refund.
            RefundMinor = 0;
            return CloseAs(DisputeMove.Decide, DisputeOutcome.MerchantWon, detail, actor, at, note);
        }

        var amount = RefundOf(refund);
        if (!amount.Succeeded)
        {
            return amount.Error!;
        }

        RefundMinor = amount.Value;
        if (State == DisputeState.Arbitration)
        {
            return CloseAs(DisputeMove.Decide, DisputeOutcome.MerchantLost, detail, actor, at, note);
        }

        OutcomeDetail = detail;
        AppealDeadline = clock.AppealDeadline(at);
        return MoveTo(DisputeMove.Decide, DisputeState.PreArbitration, actor, at, note);
    }

    /// <summary>
    /// The outcome details a decision may give now: by who wins, and whether it answers the merchant's appeal
    /// (arbitration) or is the first, preliminary one.
    /// </summary>
    public IReadOnlyList<DisputeOutcomeDetail> DecisionDetails(bool merchantWins) => (State, merchantWins) switch
    {
        (DisputeState.Arbitration, true) => AppealUpheldDetails,
        (DisputeState.Arbitration, false) => AppealRejectedDetails,
        (_, true) => MerchantWinsDetails,
        _ => ShopperWinsDetails,
    };

    private static readonly DisputeOutcomeDetail[] AppealUpheldDetails =
        [DisputeOutcomeDetail.AppealUpheld, DisputeOutcomeDetail.ProofOfDelivery, DisputeOutcomeDetail.EvidenceCompelling];

    private static readonly DisputeOutcomeDetail[] AppealRejectedDetails =
        [DisputeOutcomeDetail.AppealRejected, DisputeOutcomeDetail.InsufficientProofOfDelivery, DisputeOutcomeDetail.EvidenceNotCompelling];

    private static readonly DisputeOutcomeDetail[] MerchantWinsDetails = [DisputeOutcomeDetail.ProofOfDelivery, DisputeOutcomeDetail.EvidenceCompelling];

    private static readonly DisputeOutcomeDetail[] ShopperWinsDetails =
        [DisputeOutcomeDetail.InsufficientProofOfDelivery, DisputeOutcomeDetail.EvidenceNotCompelling];

    /// <summary>A detail as the API spells it (camelCase), so a refusal names what the caller may send.</summary>
    private static string ApiName(DisputeOutcomeDetail detail) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(detail.ToString());

    internal Outcome<Dispute> Appeal(string text, string actor, DateTime at)
    {
        if (DisputeMoves.Refusal(DisputeMove.Appeal, State) is { } refused)
        {
            return refused;
        }

        if (at >= AppealDeadline)
        {
            return new Conflict($"The appeal window closed at {AppealDeadline:u}.");
        }

        return MoveTo(DisputeMove.Appeal, DisputeState.Arbitration, actor, at, text);
    }

    /// <summary>The appeal window passed without an appeal: the preliminary loss becomes final.</summary>
    internal Outcome<Dispute> Close(string actor, DateTime at)
    {
        if (DisputeMoves.Refusal(DisputeMove.Close, State) is { } refused)
        {
            return refused;
        }

        if (at < AppealDeadline)
        {
            return new Conflict($"The merchant may appeal until {AppealDeadline:u}; the dispute closes after that.");
        }

        var detail = OutcomeDetail ?? DisputeOutcomeDetail.NotAppealed;
        return CloseAs(DisputeMove.Close, DisputeOutcome.MerchantLost, detail, actor, at, $"not appealed by {AppealDeadline:u}");
    }

    /// <summary>What the timer calls when the merchant's deadline passes unanswered: an automatic loss of the whole amount.</summary>
    internal Outcome<Dispute> ExpireMerchantDeadline(string actor, DateTime at)
    {
        if (DisputeMoves.Refusal(DisputeMove.ExpireMerchantDeadline, State) is { } refused)
        {
            return refused;
        }

        if (at < MerchantDeadline)
        {
            return new Conflict($"The merchant has until {MerchantDeadline:u} to respond.");
        }

        RefundMinor = DisputedMinor;
        return CloseAs(DisputeMove.ExpireMerchantDeadline, DisputeOutcome.MerchantLost, DisputeOutcomeDetail.MerchantDidNotReply, actor, at, null);
    }

    /// <summary>Links the refund the closing paid, so the dispute and the money can be traced to each other.</summary>
    internal void RecordRefund(Guid refundId) => RefundId = refundId;
}

using Ombud.Platform;

namespace Ombud.Disputes;

/// <summary>A shopper's "report a problem": the whole order, or one line of it; by default all of it is disputed.</summary>
public sealed record ProblemReport(Guid OrderId, DisputeReason Reason, string? Description, int? LineNumber = null, long? AmountMinor = null);

/// <summary>The merchant's one answer in initiated: text, optionally the parcel's carrier and tracking, and checked files.</summary>
public sealed record MerchantEvidence(string Text, string? Carrier = null, string? TrackingNumber = null,
    IReadOnlyList<Evidence.EvidenceUpload>? Files = null);

/// <summary>
/// A decision on a dispute; a refund of null in the shopper's favour is the whole disputed amount. The explanation is
/// what the parties are shown; without one, the decision is explained in standard words (DecisionRules).
/// </summary>
public sealed record DisputeDecision(bool MerchantWins, DisputeOutcomeDetail Detail, Money? Refund = null, string? Note = null,
    string? Explanation = null);

/// <summary>The event the fraud module will consume: an unauthorised-purchase report opens a fraud case.</summary>
public sealed record UnauthorisedPurchaseReported(Guid DisputeId, Guid OrderId, Guid CustomerId, Guid MerchantId, long AmountMinor, string Currency, DateTime ReportedAt)
{
    public const string Type = "dispute.unauthorised-reported";
}

/// <summary>
/// The event every dispute step raises, in the step's own transaction: webhooks to the merchant and the provider are
/// sent from it. The type names the step in the past tense, e.g. <c>dispute.evidence-submitted</c>.
/// </summary>
public sealed record DisputeChanged(
    Guid DisputeId, Guid OrderId, Guid CustomerId, Guid MerchantId, int Step, string Move, DisputeState From, DisputeState To,
    DisputeReason Reason, DisputeOutcome? Outcome, DisputeOutcomeDetail? OutcomeDetail, long DisputedMinor, long RefundMinor,
    string Currency, DateTime? MerchantDeadline, DateTime At, long StoreRefundedMinor = 0)
{
    public const string Prefix = "dispute.";

    public static string TypeOf(DisputeMove move) => Prefix + move switch
    {
        DisputeMove.Report => "reported",
        DisputeMove.RaiseHighRisk => "high-risk-raised",
        DisputeMove.RegisterReturn => "return-registered",
        DisputeMove.AddInformation => "information-added",
        DisputeMove.MarkSettled => "settled",
        DisputeMove.Withdraw => "withdrawn",
        DisputeMove.Escalate => "escalated",
        DisputeMove.AcceptLoss => "loss-accepted",
        DisputeMove.SubmitEvidence => "evidence-submitted",
        DisputeMove.Decide => "decided",
        DisputeMove.Appeal => "appealed",
        DisputeMove.Close => "closed",
        DisputeMove.ExpireMerchantDeadline => "merchant-deadline-expired",
        DisputeMove.DecideLiability => "liability-decided",
        DisputeMove.MessageShopper => "shopper-messaged",
        DisputeMove.RefundInStore => "refunded-in-store",
        DisputeMove.DeclineSettlement => "settlement-declined",
        _ => move.ToString().ToLowerInvariant(),
    };

    internal static DisputeChanged Of(Dispute dispute) => Of(dispute, dispute.Transitions[^1]);

    internal static DisputeChanged Of(Dispute dispute, DisputeTransition step)
    {
        return new DisputeChanged(dispute.Id, dispute.OrderId, dispute.CustomerId, dispute.MerchantId, step.Number,
            TypeOf(step.Move)[Prefix.Length..], step.From, step.To, dispute.Reason, dispute.Outcome, dispute.OutcomeDetail,
            dispute.DisputedMinor, dispute.RefundMinor, dispute.Currency, dispute.MerchantDeadline, step.At, dispute.StoreRefundedMinor);
    }
}

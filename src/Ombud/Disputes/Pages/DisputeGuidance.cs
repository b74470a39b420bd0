using Ombud.Platform;

namespace Ombud.Disputes.Pages;

/// <summary>
/// What happens next and by when, told to each side of a dispute in plain words. Every date is a deadline the dispute
/// stores (store period, merchant's answer, appeal window, regulatory final response), shown in the viewer's time zone (<see cref="Web.Display"/>).
/// </summary>
internal static class DisputeGuidance
{
    public static string ForShopper(Dispute d, string merchant, DateTime now) => d.State switch
    {
        DisputeState.Reported when d.StoreResolutionDeadline <= now =>
            $"The time to settle it with {merchant} ended at {Due(d.StoreResolutionDeadline, now)}. Ombud now investigates and asks the store "
            + "for its side. If the store sorts it out meanwhile, tell us here.",
        DisputeState.Reported =>
            $"Please contact {merchant} and try to sort it out together. You have until {Due(d.StoreResolutionDeadline, now)}. "
            + "If it is not settled by then, Ombud investigates and asks the store for its side. If the store sorts it out, tell us here.",
        DisputeState.Initiated =>
            $"Ombud is investigating and has asked {merchant} for its side. The store has until {Due(d.MerchantDeadline, now)} to answer; "
            + "if it does not, the dispute is decided in your favour.",
        DisputeState.Representment => $"{merchant} has answered. Ombud is reviewing both sides and will tell you the decision here.",
        DisputeState.PreArbitration =>
            $"Ombud decided in your favour: {Refund(d)} comes back to you. {merchant} may appeal until {Due(d.AppealDeadline, now)}; "
            + "if it does not, the decision is final.",
        DisputeState.Arbitration => $"{merchant} appealed the decision. Ombud is looking at the case again and its next decision is final.",
        _ => Closed(d, DisputeAudience.Shopper),
    };

    public static string ForMerchant(Dispute d, DateTime now) => d.State switch
    {
        DisputeState.Reported =>
            $"The shopper reported a problem. Until {Due(d.StoreResolutionDeadline, now)} you can settle it with them here: write to them, "
            + "refund all or part of it. If it is not settled by then, or the shopper goes on, Ombud opens a dispute and asks you for evidence.",
        DisputeState.Initiated when d.MerchantDeadline <= now =>
            $"Your deadline passed at {Due(d.MerchantDeadline, now)}: the dispute is lost for want of an answer and closes shortly.",
        DisputeState.Initiated =>
            $"Please answer by {Due(d.MerchantDeadline, now)}: accept the claim, in full or in part, or submit your evidence (once). "
            + "Without an answer by then, the dispute is decided in the shopper's favour.",
        DisputeState.Representment => "Your evidence is in. Ombud is reviewing both sides.",
        DisputeState.PreArbitration =>
            $"Ombud's preliminary decision is in the shopper's favour ({Words(d.OutcomeDetail)}; refund {Refund(d)}). "
            + $"You may appeal until {Due(d.AppealDeadline, now)}; after that the decision is final.",
        DisputeState.Arbitration => "You appealed. Ombud is looking at the case again; its decision is final.",
        _ => Closed(d, DisputeAudience.Merchant),
    };

    public static string ForStaff(Dispute d, DateTime now) => d.State switch
    {
        DisputeState.Reported => d.StoreResolutionDeadline <= now
            ? $"The store period ended at {Due(d.StoreResolutionDeadline, now)} unsettled: escalate it to the merchant."
            : $"The shopper and the store may settle until {Due(d.StoreResolutionDeadline, now)}; it escalates after that.",
        DisputeState.Initiated => $"Waiting for the merchant's answer, due {Due(d.MerchantDeadline, now)}.",
        DisputeState.Representment =>
            "Both sides are in: decide. A decision for the shopper is preliminary, the store may appeal; a decision for the store closes the dispute.",
        DisputeState.PreArbitration => d.AppealDeadline <= now
            ? $"The appeal window closed at {Due(d.AppealDeadline, now)} without an appeal: close the dispute."
            : $"Preliminary decision for the shopper; the store may appeal until {Due(d.AppealDeadline, now)}.",
        DisputeState.Arbitration => "The store appealed: this decision is final.",
        _ => Closed(d, DisputeAudience.Staff),
    };

    /// <summary>The regulatory clock in a sentence: the policy and its final-response date.</summary>
    public static string Regulatory(Dispute d, DisputeAudience audience) => audience == DisputeAudience.Shopper
        ? d.IsOpen ? $"Whatever happens, you will have Ombud's final answer by {Display(d.FinalResponseBy)}." : $"Closed {Display(d.ClosedAt!.Value)}."
        : $"{d.RegulatoryPolicy} rules: acknowledge by {Display(d.AcknowledgeBy)}, final response by {Display(d.FinalResponseBy)}.";

    private static string Closed(Dispute d, DisputeAudience audience)
    {
        var shopper = audience == DisputeAudience.Shopper;
        var resumed = shopper
            ? "Any paused instalments are due again, moved later by the days they were paused, with no fee for the pause."
            : "The shopper's paused instalments are due again, moved later by the days they were paused.";
        return d.Outcome switch
        {
            DisputeOutcome.MerchantLost when d.RefundMinor < d.DisputedMinor =>
                $"{Words(d.OutcomeDetail)}. {Refund(d)} of the {d.Disputed} disputed is refunded to {(shopper ? "you" : "the shopper")}; "
                + $"the rest is due again. {resumed}",
            DisputeOutcome.MerchantLost =>
                $"{Words(d.OutcomeDetail)}. {Refund(d)} is refunded to {(shopper ? "you" : "the shopper")}: it comes off the remaining "
                + "instalments, and anything already paid of it is credited back.",
            DisputeOutcome.MerchantWon => $"{Words(d.OutcomeDetail)}, so there is no refund. {resumed}",
            // The chip already names the outcome: say what it means rather than repeat it.
            DisputeOutcome.SettledWithStore when d.RefundMinor > 0 =>
                $"{(shopper ? "You settled with the store" : "The shopper settled with the store")}: {Refund(d)} of the {d.Disputed} disputed was refunded. {resumed}",
            DisputeOutcome.SettledWithStore => $"{(shopper ? "You said" : "The shopper said")} it was sorted out with the store. {resumed}",
            DisputeOutcome.Withdrawn => $"{(shopper ? "You" : "The shopper")} withdrew the dispute, so nothing is refunded through it. {resumed}",
            _ => $"{Words(d.OutcomeDetail)}. {resumed}",
        };
    }

    private static string Refund(Dispute d) => Web.Display.Money(new Money(d.RefundMinor, d.Currency));

    private static string Words(DisputeOutcomeDetail? detail) => detail is { } known ? DisputeWords.Detail(known) : "Closed";

    private static string Due(DateTime? deadline, DateTime now) => deadline is { } at ? DisputeWords.Deadline(at, now) : "–";

    private static string Display(DateTime at) => Web.Display.Timestamp(at);
}

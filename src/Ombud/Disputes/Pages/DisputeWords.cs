using Ombud.Platform;
using Ombud.Web;

namespace Ombud.Disputes.Pages;

/// <summary>Who is looking at a dispute page: each side is told the same facts in its own words.</summary>
public enum DisputeAudience
{
    Shopper,
    Merchant,
    Staff,
}

/// <summary>
/// How the dispute pages name things. One place, so the shopper, the store and staff read the same reason, state and
/// outcome the same way wherever it appears, and an enum name never reaches a page.
/// </summary>
internal static class DisputeWords
{
    /// <summary>The reasons a shopper may choose; a high-risk purchase is raised by the provider only.</summary>
    public static readonly IReadOnlyList<DisputeReason> ShopperReasons = [.. Enum.GetValues<DisputeReason>().Where(r => r != DisputeReason.HighRiskPurchase)];

    public static string Reason(DisputeReason reason) => reason switch
    {
        DisputeReason.RefundNotProcessed => "Returned or cancelled, but no refund yet",
        DisputeReason.GoodsOrServiceNotReceived => "Goods or service not received",
        DisputeReason.DefectiveOrNotAsDescribed => "Faulty or not as described",
        DisputeReason.IncorrectAmount => "Charged the wrong amount or twice",
        DisputeReason.UnauthorisedPurchase => "I did not make this purchase",
        DisputeReason.HighRiskPurchase => "High-risk purchase flagged by the provider",
        _ => "Something else",
    };

    /// <summary>A state as a short label for a chip or a list.</summary>
    public static string State(DisputeState state, DisputeAudience audience) => (state, audience) switch
    {
        (DisputeState.Reported, DisputeAudience.Shopper) => "Sorting it out with the store",
        (DisputeState.Reported, _) => "Reported, store period running",
        (DisputeState.Initiated, DisputeAudience.Shopper) => "Waiting for the store's answer",
        (DisputeState.Initiated, _) => "Waiting for the store's answer",
        (DisputeState.Representment, DisputeAudience.Shopper) => "Ombud is reviewing",
        (DisputeState.Representment, _) => "Evidence in, waiting for a decision",
        (DisputeState.PreArbitration, DisputeAudience.Shopper) => "Decided for you, store may appeal",
        (DisputeState.PreArbitration, _) => "Preliminary loss, appeal window open",
        (DisputeState.Arbitration, DisputeAudience.Shopper) => "The store appealed, Ombud is reviewing",
        (DisputeState.Arbitration, _) => "Appealed, waiting for a final decision",
        _ => "Closed",
    };

    public static string Outcome(DisputeOutcome outcome, DisputeAudience audience) => (outcome, audience) switch
    {
        (DisputeOutcome.MerchantWon, DisputeAudience.Shopper) => "Decided in the store's favour",
        (DisputeOutcome.MerchantWon, _) => "Won by the store",
        (DisputeOutcome.MerchantLost, DisputeAudience.Shopper) => "Decided in your favour",
        (DisputeOutcome.MerchantLost, _) => "Lost by the store",
        (DisputeOutcome.SettledWithStore, _) => "Settled with the store",
        (_, DisputeAudience.Shopper) => "Withdrawn",
        _ => "Withdrawn by the shopper",
    };

    public static string Detail(DisputeOutcomeDetail detail) => detail switch
    {
        DisputeOutcomeDetail.MerchantAcceptedLoss => "The store accepted the claim",
        DisputeOutcomeDetail.MerchantDidNotReply => "The store did not reply in time",
        DisputeOutcomeDetail.InsufficientProofOfDelivery => "Not enough proof of delivery",
        DisputeOutcomeDetail.EvidenceNotCompelling => "The store's evidence did not show the claim was wrong",
        DisputeOutcomeDetail.EvidenceCompelling => "The store's evidence showed the claim was wrong",
        DisputeOutcomeDetail.ProofOfDelivery => "The store proved delivery",
        DisputeOutcomeDetail.NotAppealed => "The store did not appeal",
        DisputeOutcomeDetail.AppealUpheld => "The store's appeal was upheld",
        DisputeOutcomeDetail.AppealRejected => "The store's appeal was rejected",
        DisputeOutcomeDetail.SettledWithStore => "Settled with the store",
        DisputeOutcomeDetail.ThirdPartyFraud => "Someone else placed the order: the shopper owes nothing",
        DisputeOutcomeDetail.FirstPartyFraud => "The shopper placed the order: it stays due",
        DisputeOutcomeDetail.MerchantError => "The store's error: the shopper owes nothing",
        DisputeOutcomeDetail.NotFraud => "Not fraud: the order stays due",
        _ => "Withdrawn by the shopper",
    };

    /// <summary>What a step of the timeline did, in the past tense.</summary>
    public static string Move(DisputeMove move) => move switch
    {
        DisputeMove.Report => "reported a problem",
        DisputeMove.RaiseHighRisk => "flagged the purchase as high risk",
        DisputeMove.RegisterReturn => "registered a return",
        DisputeMove.AddInformation => "added information",
        DisputeMove.MarkSettled => "said it was settled with the store",
        DisputeMove.Withdraw => "withdrew the dispute",
        DisputeMove.Escalate => "opened an investigation",
        DisputeMove.AcceptLoss => "accepted the claim",
        DisputeMove.SubmitEvidence => "answered with evidence",
        DisputeMove.Decide => "decided",
        DisputeMove.Appeal => "appealed",
        DisputeMove.Close => "closed the dispute",
        DisputeMove.DecideLiability => "decided who is liable after a fraud investigation",
        DisputeMove.MessageShopper => "wrote to settle it",
        DisputeMove.RefundInStore => "refunded to settle it",
        DisputeMove.DeclineSettlement => "went on with the dispute",
        _ => "closed the dispute: the store's deadline passed",
    };

    /// <summary>What a paused plan means for the shopper; a paid-off order has nothing left to pause, and says what happens instead.</summary>
    public static string Paused(Money held, DateTime since) => held.IsZero
        ? "Everything on this order is already paid, so there are no payments to pause. If the dispute goes your way, what you paid comes back to you."
        : $"Payments of {Display.Money(held)} are paused since {Display.Timestamp(since)}: no reminders and no late fees on them while this is open.";

    /// <summary>
    /// Who took a step, as the reader knows them: "you" for the reader's own side, "the store", "the shopper", or
    /// Ombud for staff and timers. Staff see which person or timer it was.
    /// </summary>
    public static string Actor(string actor, DisputeAudience audience)
    {
        var kind = actor.Split(':', 2)[0];
        return (kind, audience) switch
        {
            ("customer", DisputeAudience.Shopper) => "You",
            ("customer", _) => "The shopper",
            ("merchant", DisputeAudience.Merchant) => "You",
            ("merchant", _) => "The store",
            ("user", DisputeAudience.Staff) => $"Ombud staff ({Short(actor["user:".Length..])})",
            ("system", DisputeAudience.Staff) => "Ombud (automatic)",
            _ => "Ombud",
        };
    }

    /// <summary>Who sent an evidence file, in the reader's words.</summary>
    public static string Uploader(DisputeParty party, DisputeAudience audience) => (party, audience) switch
    {
        (DisputeParty.Shopper, DisputeAudience.Shopper) or (DisputeParty.Merchant, DisputeAudience.Merchant) => "You",
        (DisputeParty.Shopper, _) => "The shopper",
        (DisputeParty.Merchant, _) => "The store",
        _ => "Ombud",
    };

    /// <summary>An evidence file's kind as its content showed it (the name proves nothing).</summary>
    public static string FileKind(string contentType) => contentType switch
    {
        Evidence.EvidenceFileKinds.Pdf => "PDF",
        Evidence.EvidenceFileKinds.Jpeg => "JPEG image",
        Evidence.EvidenceFileKinds.Png => "PNG image",
        Evidence.EvidenceFileKinds.Docx => "Word document",
        _ => contentType,
    };

    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024.0):0.#} MB",
    };

    /// <summary>A refused action in words a person can act on; the domain errors already name the state and the moves allowed.</summary>
    public static string Problem(DomainError error) => error switch
    {
        Invalid invalid => string.Join(" ", invalid.Errors.SelectMany(e => e.Value.Select(message => message == "Required." ? $"{Field(e.Key)} is required." : message))),
        NotFound => "This dispute or order no longer exists.",
        _ => error.Detail,
    };

    /// <summary>A deadline with how far off it is, in the viewer's time zone, e.g. "3 Dec 2026 14:00 (in 5 days)".</summary>
    public static string Deadline(DateTime deadline, DateTime now)
    {
        var left = deadline - now;
        var relative = Math.Abs(left.TotalMinutes) < 2 ? "just now"
            : left.TotalMinutes < 0 ? $"{Span(-left)} ago"
            : $"in {Span(left)}";
        return $"{Display.Timestamp(deadline)} ({relative})";
    }

    private static string Field(string field) => field switch
    {
        "text" => "A text",
        "trackingNumber" => "A tracking number",
        "description" => "A description",
        _ => field,
    };

    private static string Short(string id) => id.Length <= 8 ? id : id[..8];

    private static string Span(TimeSpan span) =>
        span.TotalDays >= 2 ? $"{(int)span.TotalDays} days"
        : span.TotalHours >= 2 ? $"{(int)span.TotalHours} hours"
        : $"{(int)span.TotalMinutes} minutes";
}

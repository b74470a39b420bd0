using Ombud.Platform;

namespace Ombud.Disputes;

/// <summary>A fraud case's liability decision, the one move that settles a dispute from the fraud side.</summary>
public sealed partial class Dispute
{
    /// <summary>The outcome details a fraud finding gives; the first two clear the shopper.</summary>
    public static readonly IReadOnlyList<DisputeOutcomeDetail> LiabilityDetails =
        [DisputeOutcomeDetail.ThirdPartyFraud, DisputeOutcomeDetail.MerchantError, DisputeOutcomeDetail.FirstPartyFraud, DisputeOutcomeDetail.NotFraud];

    /// <summary>
    /// Closes the dispute at any open stage as the fraud investigation found: someone else placed the order or the store
    /// erred → the shopper is cleared of the whole disputed amount (refunded when the dispute closes); the shopper
    /// placed it or there was no fraud → the amount stays due and the paused payments resume. Final: the
    /// investigation, not the merchant's evidence, decides an unauthorised-purchase claim.
    /// </summary>
    internal Outcome<Dispute> DecideLiability(DisputeOutcomeDetail detail, string actor, DateTime at, string? note)
    {
        if (!IsOpen)
        {
            return new Conflict($"The dispute closed on {ClosedAt:u} ({Outcome}); a liability decision can only settle an open dispute.");
        }

        if (!LiabilityDetails.Contains(detail))
        {
            return Invalid.Field("liability", $"A fraud finding is one of: {string.Join(", ", LiabilityDetails)}; not {detail}.");
        }

        var cleared = detail is DisputeOutcomeDetail.ThirdPartyFraud or DisputeOutcomeDetail.MerchantError;
        RefundMinor = cleared ? DisputedMinor : 0;
        return CloseAs(DisputeMove.DecideLiability, cleared ? DisputeOutcome.MerchantLost : DisputeOutcome.MerchantWon, detail, actor, at, note);
    }
}

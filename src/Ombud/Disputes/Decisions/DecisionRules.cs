using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Commerce;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Decisions;

/// <summary>
/// What policy lets Ombud decide without a person, and the plain words every decision is explained in.
/// <list type="bullet">
/// <item>A not-received claim answered with proof of delivery (carrier and tracking number, not contradicting the
/// tracking the provider recorded for the order) below the currency's threshold
/// (<see cref="DisputeOptions.ProofOfDeliveryThresholds"/>) is decided for the merchant at once.</item>
/// <item>A merchant that accepts the loss, or stays silent past its deadline, loses (the entity already closes those).</item>
/// </list>
/// Everything else waits for staff, oldest regulatory deadline first.
/// </summary>
internal sealed partial class DecisionRules(OmbudDb db, DisputeClock clock, IOptions<DisputeOptions> options)
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>
    /// Runs after a move that appended the steps from number <paramref name="firstNewStep"/> on: first any automatic
    /// decision the move makes possible, then the explanation of the last decisive step, in the decider's own words
    /// when they gave some.
    /// </summary>
    public async Task ApplyAsync(Dispute dispute, int firstNewStep, string? givenExplanation, DateTime now, CancellationToken ct)
    {
        if (dispute.Transitions[^1].Move == DisputeMove.SubmitEvidence && await ProvesDeliveryAsync(dispute, ct))
        {
            var decided = dispute.Decide(true, null, DisputeOutcomeDetail.ProofOfDelivery, DisputeActors.System, clock, now,
                "automatic: proof of delivery against a not-received claim under the threshold");
            if (!decided.Succeeded)
            {
                throw new InvalidOperationException($"Representment must allow a decision: {decided.Error}");
            }
        }

        var decisive = dispute.Transitions.Where(s => s.Number >= firstNewStep).LastOrDefault(s => IsDecisive(s.Move));
        if (decisive is not null)
        {
            dispute.Explain(string.IsNullOrWhiteSpace(givenExplanation) ? Explain(dispute, decisive) : givenExplanation.Trim());
        }
    }

    private async Task<bool> ProvesDeliveryAsync(Dispute dispute, CancellationToken ct)
    {
        if (dispute.Reason != DisputeReason.GoodsOrServiceNotReceived
            || string.IsNullOrWhiteSpace(dispute.EvidenceCarrier) || string.IsNullOrWhiteSpace(dispute.EvidenceTrackingNumber)
            || Threshold(dispute.Currency) is not { } threshold || dispute.DisputedMinor >= threshold)
        {
            return false;
        }

        // The provider's own record of the shipment outranks the merchant's word: a different tracking number is for staff.
        var recorded = await db.Set<Order>().Where(o => o.Id == dispute.OrderId).Select(o => o.TrackingNumber).SingleAsync(ct);
        return recorded is null || string.Equals(Normalised(recorded), Normalised(dispute.EvidenceTrackingNumber), StringComparison.OrdinalIgnoreCase);
    }

    private long? Threshold(string currency) =>
        options.Value.ProofOfDeliveryThresholds.TryGetValue(currency, out var minor) ? minor : null;

    private static bool IsDecisive(DisputeMove move) => move is DisputeMove.AcceptLoss or DisputeMove.ExpireMerchantDeadline
        or DisputeMove.Decide or DisputeMove.Close or DisputeMove.MarkSettled or DisputeMove.Withdraw or DisputeMove.DecideLiability;

    private string Explain(Dispute dispute, DisputeTransition step)
    {
        const string resumes = "on an updated schedule, with no fee for the paused time";
        var refund = new Money(dispute.RefundMinor, dispute.Currency);
        var rest = new Money(dispute.DisputedMinor - dispute.RefundMinor, dispute.Currency);
        var detail = Words(dispute.OutcomeDetail);
        return step.Move switch
        {
            DisputeMove.AcceptLoss when rest.IsZero => $"The store accepted the claim, so the full {dispute.Disputed} is refunded.",
            DisputeMove.AcceptLoss =>
                $"The store accepted the claim in part: {refund} of the disputed {dispute.Disputed} is refunded, and the other {rest} is due {resumes}.",
            DisputeMove.ExpireMerchantDeadline =>
                $"The store did not answer by {Day(dispute.MerchantDeadline)}, so the full {dispute.Disputed} is refunded.",
            DisputeMove.Decide when step.Actor == DisputeActors.System && dispute.OutcomeDetail == DisputeOutcomeDetail.ProofOfDelivery =>
                $"The store showed the parcel was delivered ({dispute.EvidenceCarrier}, tracking number {dispute.EvidenceTrackingNumber}). "
                + $"For a claim that goods did not arrive under {new Money(Threshold(dispute.Currency) ?? 0, dispute.Currency)}, proof of delivery decides it: "
                + $"the {dispute.Disputed} stays due {resumes}.",
            DisputeMove.Decide when dispute.Outcome == DisputeOutcome.MerchantWon =>
                $"Ombud reviewed both sides and decided for the store ({detail}): the {dispute.Disputed} stays due {resumes}.",
            DisputeMove.Decide when dispute.State == DisputeState.PreArbitration =>
                $"Ombud reviewed both sides and decided for the shopper ({detail}): {refund} of the disputed {dispute.Disputed} is to be refunded. "
                + $"The store may appeal until {Day(dispute.AppealDeadline)}.",
            DisputeMove.Decide => $"Ombud reviewed the store's appeal and decided for the shopper ({detail}): {refund} of the disputed {dispute.Disputed} is refunded.",
            DisputeMove.Close => $"The store did not appeal by {Day(dispute.AppealDeadline)}, so the decision stands: {refund} is refunded.",
            DisputeMove.DecideLiability when dispute.RefundMinor > 0 =>
                $"Ombud's fraud team investigated ({detail}): the shopper owes nothing of the disputed {dispute.Disputed}.",
            DisputeMove.DecideLiability => $"Ombud's fraud team investigated ({detail}): the {dispute.Disputed} stays due {resumes}.",
            DisputeMove.MarkSettled => $"The shopper settled the matter with the store; the paused payments resume {resumes}.",
            _ => $"The shopper withdrew the dispute; the paused payments resume {resumes}.",
        };
    }

    /// <summary>"14 December 2026": the day in English, in UTC like every deadline Ombud stores.</summary>
    private static string Day(DateTime? at) => at?.ToString("d MMMM yyyy", English) ?? "the deadline";

    private static string Words(DisputeOutcomeDetail? detail) =>
        detail is { } d ? CapitalLetter().Replace(d.ToString(), " $0").Trim().ToLowerInvariant() : "no detail given";

    private static string Normalised(string? trackingNumber) => (trackingNumber ?? "").Replace(" ", "", StringComparison.Ordinal);

    [GeneratedRegex("[A-Z]")]
    private static partial Regex CapitalLetter();
}

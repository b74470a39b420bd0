using Ombud.Disputes;
using Ombud.Fraud.Contracts;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Events;

namespace Ombud.Fraud.Cases;

/// <summary>A shopper reported an unauthorised purchase: a fraud case opens on it, once per report.</summary>
internal sealed class UnauthorisedReportCases(CaseOpening opening) : IEventHandler
{
    public const string Subscriber = "fraud.cases.reports";

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var reported = message.Read<UnauthorisedPurchaseReported>();
        var opened = await opening.OpenAsync(new CaseRequest(CaseSource.UnauthorisedReport, $"dispute:{reported.DisputeId}", reported.OrderId,
            reported.DisputeId, "The shopper says they did not make this purchase."), $"system:{Subscriber}", ct);
        // The order was stored with the report that names it; anything else is a bug and is retried.
        if (!opened.Succeeded)
        {
            throw new InvalidOperationException($"No case for dispute {reported.DisputeId}: {opened.Error!.Detail}");
        }
    }
}

/// <summary>A risk decision sent an order to review: a fraud case opens on it, once per decision.</summary>
internal sealed class ReviewDecisionCases(CaseOpening opening) : IEventHandler
{
    public const string Subscriber = "fraud.cases.reviews";

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var decided = message.Read<RiskDecided>();
        if (decided.Outcome != nameof(RiskOutcome.Review))
        {
            return;
        }

        var why = decided.Reasons.Count > 0 ? string.Join("; ", decided.Reasons.Take(3)) : "no reason given";
        var opened = await opening.OpenAsync(new CaseRequest(CaseSource.ReviewDecision, $"decision:{decided.DecisionId}", decided.OrderId, null,
            Limit($"Risk review at score {decided.Score:0.00}: {why}.")), $"system:{Subscriber}", ct);
        if (!opened.Succeeded)
        {
            throw new InvalidOperationException($"No case for decision {decided.DecisionId}: {opened.Error!.Detail}");
        }
    }

    private static string Limit(string text) => text.Length > 2000 ? text[..2000] : text;
}

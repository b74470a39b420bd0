using System.Globalization;
using Ombud.Assistant.Dialogue;
using Ombud.Assistant.Understanding;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;

namespace Ombud.Assistant.Handoff;

/// <summary>
/// What the assistant tells the person who takes over: why it handed off, what it understood and already did, the
/// orders in view, the shopper's last words and how their mood went, so nobody asks the shopper to start over.
/// </summary>
internal static class HandOffBriefs
{
    /// <param name="pending">The question the shopper was answering, if any: a hand-off on a "yes" to an offer about an order
    /// names that order though the "yes" itself names none.</param>
    public static HandOffBrief Write(Decision decision, Reading reading, IReadOnlyList<double> sentiments, IReadOnlyList<string> shopperMessages,
        CustomerFacts facts, PendingQuestion? pending = null)
    {
        var request = decision.HandOff!;
        return new HandOffBrief(request.Reason, request.Priority, Summary(request.Reason, decision, reading, shopperMessages, facts, pending),
            reading.Confidence > 0 ? reading.Intent : null, SentimentScorer.Trend(sentiments), request.SuggestedResolution, reading.Language);
    }

    private static string Summary(HandOffReason reason, Decision decision, Reading reading, IReadOnlyList<string> shopperMessages, CustomerFacts facts,
        PendingQuestion? pending)
    {
        var why = reason switch
        {
            HandOffReason.Requested => $"Asked for a person (\"{reading.HumanPhrase ?? reading.Intent}\")",
            HandOffReason.Button => "Pressed \"Talk to a person\"",
            HandOffReason.Frustration => "Growing frustration",
            HandOffReason.NotUnderstood => "Not understood twice in a row",
            HandOffReason.Vulnerability => $"Possible vulnerability (\"{reading.VulnerabilityPhrase}\")",
            HandOffReason.LargeAmount => "Large amount",
            HandOffReason.FinancialDifficulty => (reading.VulnerabilityPhrase ?? reading.DifficultyPhrase) is { } said
                ? $"Financial difficulty disclosed (\"{said}\")"
                : "Asked for a person while talking about paying",
            _ => "Fraud claim",
        };
        var lines = new List<string>
        {
            $"{why}. Rule: {decision.Rule}.",
            string.Create(CultureInfo.InvariantCulture, $"Last understood intent: {(reading.Confidence > 0 ? $"{reading.Intent} ({reading.Confidence:P0})" : "none")}; language {reading.Language}."),
        };
        if (decision.ActionResult is not null)
        {
            lines.Add($"Assistant already did: {decision.Action} → {decision.ActionResult}.");
        }

        // A pick from a "which order?" list is not an order the shopper named; an offer about one order is.
        var offered = pending is { Kind: not PendingQuestion.WhichOrder, Orders.Count: 1 } ? pending.Orders : [];
        var orders = reading.Entities.OrderIds.Concat(offered).Distinct().Select(facts.Order).OfType<OrderFact>().Select(o => o.Describe()).ToList();
        if (orders.Count > 0)
        {
            lines.Add($"Orders mentioned: {string.Join("; ", orders)}.");
        }

        lines.Add($"{facts.OrderCount} order(s) on the account; {facts.OrdersWithOpenDispute} with an open dispute.");
        lines.Add("Shopper's last messages: " + string.Join(" | ", shopperMessages.TakeLast(3).Select(m => $"\"{(m.Length > 200 ? m[..200] + "…" : m)}\"")));
        var summary = string.Join('\n', lines);
        return summary.Length > 4000 ? summary[..4000] : summary;
    }
}

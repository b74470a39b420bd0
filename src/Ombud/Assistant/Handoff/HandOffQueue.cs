using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ombud.Assistant.Conversations;
using Ombud.Assistant.Dialogue;
using Ombud.Assistant.Understanding;
using Ombud.Commerce;
using Ombud.Platform.Storage;

namespace Ombud.Assistant.Handoff;

/// <summary>
/// The queue of conversations waiting for a person, in the database so every node sees the same queue. Ordered by
/// priority (fraud and vulnerability first), then by when the hand-off was asked for. The agent marketplace will
/// take from it; until then staff see it on a page.
/// </summary>
internal sealed class HandOffQueue(OmbudDb db)
{
    public HandOff Create(Conversation conversation, Decision decision, Reading reading, IReadOnlyList<double> sentiments,
        IReadOnlyList<string> shopperMessages, CustomerFacts facts, DateTime at)
    {
        var request = decision.HandOff!;
        var handOff = new HandOff(Guid.CreateVersion7(at), conversation.Id, conversation.CustomerId, request.Reason, request.Priority,
            Summary(request.Reason, decision, reading, shopperMessages, facts), reading.Confidence > 0 ? reading.Intent : null,
            SentimentScorer.Trend(sentiments), request.SuggestedResolution, reading.Language, at);
        db.Add(handOff);
        return handOff;
    }

    /// <summary>Where a waiting hand-off stands: 1 is next. Null once a person has it.</summary>
    public async Task<int?> PositionAsync(Guid handOffId, CancellationToken ct)
    {
        var handOff = await db.Set<HandOff>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == handOffId, ct);
        return handOff is null ? null : await PositionAsync(handOff, ct);
    }

    public async Task<int?> PositionAsync(HandOff handOff, CancellationToken ct)
    {
        if (handOff.Status != HandOffStatus.Waiting)
        {
            return null;
        }

        var ahead = await db.Set<HandOff>().CountAsync(h => h.Status == HandOffStatus.Waiting && h.Id != handOff.Id
            && (h.Priority < handOff.Priority || (h.Priority == handOff.Priority && h.RequestedAt <= handOff.RequestedAt)), ct);
        return ahead + 1;
    }

    /// <summary>The waiting hand-offs in the order a person should take them, with the shopper's name for the staff page.</summary>
    public async Task<IReadOnlyList<WaitingHandOff>> WaitingAsync(int limit, CancellationToken ct)
    {
        var waiting = await db.Set<HandOff>().AsNoTracking().Where(h => h.Status == HandOffStatus.Waiting)
            .OrderBy(h => h.Priority).ThenBy(h => h.RequestedAt).Take(limit)
            .Join(db.Set<Customer>(), h => h.CustomerId, c => c.Id, (h, c) => new { HandOff = h, c.Name })
            .ToListAsync(ct);
        return [.. waiting.Select((w, i) => new WaitingHandOff(i + 1, w.HandOff, w.Name))];
    }

    private static string Summary(HandOffReason reason, Decision decision, Reading reading, IReadOnlyList<string> shopperMessages, CustomerFacts facts)
    {
        var why = reason switch
        {
            HandOffReason.Requested => $"Asked for a person (\"{reading.HumanPhrase ?? reading.Intent}\")",
            HandOffReason.Button => "Pressed \"Talk to a person\"",
            HandOffReason.Frustration => "Growing frustration",
            HandOffReason.NotUnderstood => "Not understood twice in a row",
            HandOffReason.Vulnerability => $"Possible vulnerability (\"{reading.VulnerabilityPhrase}\")",
            HandOffReason.LargeAmount => "Large amount",
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

        var orders = reading.Entities.OrderIds.Select(facts.Order).OfType<OrderFact>().Select(o => o.Describe()).ToList();
        if (orders.Count > 0)
        {
            lines.Add($"Orders mentioned: {string.Join("; ", orders)}.");
        }

        lines.Add($"{facts.Orders.Count} order(s) on the account; {facts.Orders.Count(o => o.OpenDispute is not null)} with an open dispute.");
        lines.Add("Shopper's last messages: " + string.Join(" | ", shopperMessages.TakeLast(3).Select(m => $"\"{(m.Length > 200 ? m[..200] + "…" : m)}\"")));
        var summary = string.Join('\n', lines);
        return summary.Length > 4000 ? summary[..4000] : summary;
    }
}

/// <summary>A hand-off as the staff queue shows it.</summary>
internal sealed record WaitingHandOff(int Position, HandOff HandOff, string CustomerName);

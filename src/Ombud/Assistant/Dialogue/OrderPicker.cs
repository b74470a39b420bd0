using Ombud.Assistant.Understanding;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// Which of the shopper's orders a message is about: the one it names, the only one that fits, or a short list to
/// ask about. Every candidate is the shopper's own; a reference that is not theirs is only ever repeated back.
/// </summary>
internal static class OrderPicker
{
    public const int MaxChoices = 5;

    public static OrderPick Pick(Reading reading, CustomerFacts facts, Func<OrderFact, bool> eligible)
    {
        var named = reading.Entities.OrderIds.Select(facts.Order).OfType<OrderFact>().ToList();
        if (named.Count == 1)
        {
            return new OrderPick(named[0], [], null);
        }

        if (named.Count > 1)
        {
            return new OrderPick(null, named, null);
        }

        if (reading.Entities.UnknownReferences.Count > 0 && reading.Entities.MerchantIds.Count == 0)
        {
            return new OrderPick(null, [], reading.Entities.UnknownReferences[0]);
        }

        var candidates = facts.Orders.Where(eligible).ToList();
        if (reading.Entities.MerchantIds.Count > 0)
        {
            candidates = [.. candidates.Where(o => reading.Entities.MerchantIds.Contains(o.Order.MerchantId))];
        }

        var byProduct = ByProduct(reading.Text, candidates);
        if (byProduct.Count > 0)
        {
            candidates = byProduct;
        }

        return candidates.Count == 1 ? new OrderPick(candidates[0], [], null) : new OrderPick(null, [.. candidates.Take(MaxChoices)], null);
    }

    /// <summary>The answer to "which order?": a position in the list, a reference, a store or a product among the candidates.</summary>
    public static OrderFact? Choose(Reading reading, IReadOnlyList<OrderFact> candidates)
    {
        var named = candidates.Where(c => reading.Entities.OrderIds.Contains(c.Id)).ToList();
        if (named.Count == 1)
        {
            return named[0];
        }

        if (reading.Entities.Ordinal is { } position)
        {
            if (position == -1)
            {
                return candidates[^1];
            }

            if (position >= 1 && position <= candidates.Count)
            {
                return candidates[position - 1];
            }
        }

        var atMerchant = candidates.Where(c => reading.Entities.MerchantIds.Contains(c.Order.MerchantId)).ToList();
        if (atMerchant.Count == 1)
        {
            return atMerchant[0];
        }

        var byProduct = ByProduct(reading.Text, atMerchant.Count > 1 ? atMerchant : candidates);
        return byProduct.Count == 1 ? byProduct[0] : null;
    }

    private static List<OrderFact> ByProduct(string text, IReadOnlyList<OrderFact> candidates)
    {
        var words = PhraseMatcher.Words(text).Where(w => w.Length >= 4).ToHashSet(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            return [];
        }

        return [.. candidates.Where(c => c.Order.Lines.Any(l => PhraseMatcher.Words(l.Description).Any(words.Contains)))];
    }
}

/// <summary>The order a message is about, or the candidates to ask about, or a reference that is none of the shopper's.</summary>
internal sealed record OrderPick(OrderFact? Order, IReadOnlyList<OrderFact> Candidates, string? UnknownReference);

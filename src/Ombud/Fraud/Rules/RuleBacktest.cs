using Ombud.Fraud.Training;

namespace Ombud.Fraud.Rules;

/// <summary>One order a backtest shows to drill into: a hit (fraud caught or a good customer stopped) or fraud missed.</summary>
public sealed record BacktestExample(string OrderId, DateTime At, long? AmountMinor, string? Currency, bool Fraud);

/// <summary>Money the rule would have touched in one currency, in minor units: all hits, fraud caught, good orders stopped.</summary>
public sealed record BacktestMoney(string Currency, long HitMinor, long FraudCaughtMinor, long LegitimateHitMinor, long FraudMissedMinor);

/// <summary>
/// What a rule would have done over a period of labelled history. Precision (of the orders it hit, the share that
/// were fraud) and recall (of the fraud, the share it hit) are null when there is nothing to divide by.
/// </summary>
public sealed record BacktestResult(
    DateTime? From,
    DateTime? To,
    int Orders,
    int Fraud,
    int Hits,
    int FraudCaught,
    int LegitimateHit,
    double? Precision,
    double? Recall,
    IReadOnlyList<BacktestMoney> Money,
    IReadOnlyList<BacktestExample> ExampleHits,
    IReadOnlyList<BacktestExample> ExampleMisses);

/// <summary>
/// Runs a rule over labelled history whose features were computed as at each order's time (only from what came
/// before it, as <see cref="RiskDataset"/> does for training), so the figures are what the rule would have said then.
/// </summary>
internal static class RuleBacktest
{
    public const int Examples = 10;

    /// <param name="from">Inclusive; null from the start of the history.</param>
    /// <param name="to">Exclusive; null to its end.</param>
    public static BacktestResult Run(CompiledRule rule, IEnumerable<RiskRow> history, DateTime? from, DateTime? to)
    {
        var (orders, fraud, caught, legitimateHit) = (0, 0, 0, 0);
        var money = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        var hits = new List<BacktestExample>();
        var misses = new List<BacktestExample>();
        foreach (var row in history)
        {
            var order = row.Event;
            if ((from is { } f && order.At < f) || (to is { } t && order.At >= t))
            {
                continue;
            }

            orders++;
            fraud += row.Label ? 1 : 0;
            var hit = rule.Test(new RuleFacts(order, row.Features));
            var example = new BacktestExample(order.Id, order.At, order.AmountMinor, order.Currency, row.Label);
            var sums = order.AmountMinor is { } minor && order.Currency is { } currency
                ? money.TryGetValue(currency, out var s) ? s : money[currency] = new long[4]
                : null;
            var amount = order.AmountMinor ?? 0;
            if (hit)
            {
                caught += row.Label ? 1 : 0;
                legitimateHit += row.Label ? 0 : 1;
                if (sums is not null)
                {
                    sums[0] += amount;
                    sums[row.Label ? 1 : 2] += amount;
                }

                Keep(hits, example);
            }
            else if (row.Label)
            {
                if (sums is not null)
                {
                    sums[3] += amount;
                }

                Keep(misses, example);
            }
        }

        var hitCount = caught + legitimateHit;
        return new BacktestResult(from, to, orders, fraud, hitCount, caught, legitimateHit,
            hitCount == 0 ? null : Math.Round(caught / (double)hitCount, 4),
            fraud == 0 ? null : Math.Round(caught / (double)fraud, 4),
            [.. money.Where(m => m.Value.Any(v => v != 0)).Select(m => new BacktestMoney(m.Key, m.Value[0], m.Value[1], m.Value[2], m.Value[3]))],
            hits, misses);
    }

    /// <summary>The latest examples: history runs oldest first, so the list keeps the last few it saw.</summary>
    private static void Keep(List<BacktestExample> examples, BacktestExample example)
    {
        if (examples.Count == Examples)
        {
            examples.RemoveAt(0);
        }

        examples.Add(example);
    }
}

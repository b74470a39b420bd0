using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using Ombud.Fraud;
using Ombud.Fraud.Features;
using Ombud.Fraud.Rules;
using Ombud.Fraud.Scoring;

namespace Ombud.Bench.Risk;

/// <summary>
/// In-process: the cost of deciding with 20 analyst rules, and with the model as well when a model file is given, on
/// one thread over synthetic orders whose features are already computed (no database, no HTTP): what the rules and
/// the model themselves add to a decision.
/// Usage: ombud-bench-risk rules [model.zip] [orders=50000]
/// </summary>
internal static class RulesMode
{
    public static int Run(string[] args)
    {
        var modelPath = args.FirstOrDefault(a => a.EndsWith(".zip", StringComparison.OrdinalIgnoreCase));
        var orders = args.Where(a => a.All(char.IsAsciiDigit)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(50_000).First();
        RiskModel? model = null;
        if (modelPath is not null)
        {
            (model, var error) = RiskModel.Load(modelPath);
            if (model is null)
            {
                Console.Error.WriteLine(error);
                return 2;
            }
        }

        var rules = Rules();
        var facts = Facts(orders);
        var options = new FraudOptions();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rules.Count} rules, {orders:N0} synthetic orders, {(model is null ? "rules only" : "model + rules")}"));

        // One pass to warm the JIT, one measured.
        Measure(facts, rules, model, options, null);
        var rulesAlone = new LongHistogram(TimeStamp.Seconds(10), 3);
        var total = Measure(facts, rules, null, options, rulesAlone);
        Report("20 rules alone", facts.Count, total, rulesAlone);
        if (model is not null)
        {
            var withModel = new LongHistogram(TimeStamp.Seconds(10), 3);
            total = Measure(facts, rules, model, options, withModel);
            Report("model + 20 rules", facts.Count, total, withModel);
        }

        return 0;
    }

    private static TimeSpan Measure(List<RuleFacts> facts, List<LiveRule> rules, RiskModel? model, FraudOptions options, LongHistogram? histogram)
    {
        var all = Stopwatch.StartNew();
        var held = 0;
        foreach (var f in facts)
        {
            var started = Stopwatch.GetTimestamp();
            var verdict = model is null ? new RiskVerdict(RiskOutcome.Approve, 0, [], "rules only") : RiskScorer.Decide(f.Order, f.Features, model, options);
            held += LiveRules.Apply(verdict, rules, f).Reasons.Count;
            histogram?.RecordValue(Stopwatch.GetTimestamp() - started);
        }

        GC.KeepAlive(held);
        return all.Elapsed;
    }

    private static void Report(string what, int n, TimeSpan total, LongHistogram histogram)
    {
        double Us(double percentile) => histogram.GetValueAtPercentile(percentile) * 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-18} {n / total.TotalSeconds,12:N0} decisions/s on one thread   p50 {Us(50):N1} µs  p99 {Us(99):N1} µs  max {Us(100):N1} µs"));
    }

    /// <summary>The demo rule book and 14 more of the same shapes: thresholds on velocities, shares and money, lists and text.</summary>
    private static List<LiveRule> Rules()
    {
        var texts = DemoRules.Book.Select(r => r.Expression).ToList();
        foreach (var kind in new[] { "customer", "device", "ip", "email", "phone", "card", "address" })
        {
            texts.Add($"{kind}.orders_24h >= 4 and order.amount > 200000");
            texts.Add($"{kind}.earlier_fraud >= 1 and not ({kind}.orders_7d < 2) and merchant.category in [\"5732\", \"4722\", \"5977\"]");
        }

        return [.. texts.Take(20).Select((t, i) => new LiveRule(Guid.NewGuid(), $"rule {i}", i % 3 == 0 ? RuleAction.Decline : RuleAction.Review, "bench",
            RuleLanguage.Compile(t).Rule ?? throw new InvalidOperationException($"{t}: {RuleLanguage.Compile(t).Error}")))];
    }

    private static List<RuleFacts> Facts(int n)
    {
        var random = new Random(42);
        var categories = new[] { "5732", "5651", "5712", "5941", "5977", "4722", "5411", "5942" };
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var facts = new List<RuleFacts>(n);
        for (var i = 0; i < n; i++)
        {
            var order = new RiskEvent($"o{i}", start.AddMinutes(i), random.Next(1_000, 500_000), "SEK", $"c{random.Next(5_000)}", $"d{random.Next(8_000)}",
                $"ip{random.Next(8_000)}", $"e{i}@example.com", null, null, "a", random.Next(10) == 0 ? "b" : "a", start.AddDays(-random.Next(0, 900)),
                categories[random.Next(categories.Length)]);
            var features = new float[RiskFeatures.Count];
            for (var j = 0; j < features.Length; j++)
            {
                features[j] = random.Next(10) == 0 ? random.Next(0, 8) : (float)random.NextDouble();
            }

            facts.Add(new RuleFacts(order, features));
        }

        return facts;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ombud.Fraud.Training;

namespace Ombud.Fraud.Rules;

/// <summary>
/// <c>ombud fraud backtest --rule "…" [--from] [--to] [--data events.csv] [--json]</c>: what a rule would have hit in
/// the labelled history, before anyone saves it. A rule that does not parse or type-check exits 2 with its position.
/// </summary>
internal static class BacktestVerb
{
    public delegate Task<(RiskDataset? Dataset, string Source, string? Error)> Loader(string? data, LabelValues labels, bool json, CancellationToken ct);

    public static Command Create(Func<Option<string?>> dataOption, Loader load, Func<string, string, Task<int>> usageError)
    {
        var rule = new Option<string>("--rule") { Description = "The rule, e.g. \"order.amount > 50000 and device.other_customers_7d >= 3\".", Required = true };
        var from = new Option<DateTime?>("--from") { Description = "First day of the period (UTC, inclusive); default: the start of the history.", HelpName = "yyyy-MM-dd" };
        var to = new Option<DateTime?>("--to") { Description = "Day after the period (UTC, exclusive); default: the end of the history.", HelpName = "yyyy-MM-dd" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var data = dataOption();
        var command = new Command("backtest", "Run a rule over labelled history: hits, precision, recall, money affected and examples.")
        {
            rule, from, to, data, json,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var (compiled, error) = RuleLanguage.Compile(parsed.GetValue(rule));
            if (compiled is null)
            {
                return await usageError("backtest", $"the rule does not hold at {error}");
            }

            var (start, end) = (Utc(parsed.GetValue(from)), Utc(parsed.GetValue(to)));
            if (start is not null && end is not null && start >= end)
            {
                return await usageError("backtest", "--from must be before --to.");
            }

            var asJson = parsed.GetValue(json);
            var (dataset, source, loadError) = await load(parsed.GetValue(data), new LabelValues(null, null), asJson, ct);
            if (loadError is not null)
            {
                return await usageError("backtest", loadError);
            }

            var result = RuleBacktest.Run(compiled, dataset!.All, start, end);
            await Console.Out.WriteLineAsync(asJson ? Json(result, source) : Text(result, source));
            return 0;
        });
        return command;
    }

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

    /// <summary>Explicit snake_case keys, so scripts never depend on a naming policy.</summary>
    public static string Json(BacktestResult r, string source) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["source"] = source,
        ["from"] = r.From?.ToString("O", CultureInfo.InvariantCulture),
        ["to"] = r.To?.ToString("O", CultureInfo.InvariantCulture),
        ["orders"] = r.Orders,
        ["fraud"] = r.Fraud,
        ["hits"] = r.Hits,
        ["fraud_caught"] = r.FraudCaught,
        ["legitimate_hit"] = r.LegitimateHit,
        ["precision"] = r.Precision,
        ["recall"] = r.Recall,
        ["money"] = r.Money.Select(m => new Dictionary<string, object>
        {
            ["currency"] = m.Currency, ["hit_minor"] = m.HitMinor, ["fraud_caught_minor"] = m.FraudCaughtMinor,
            ["legitimate_hit_minor"] = m.LegitimateHitMinor, ["fraud_missed_minor"] = m.FraudMissedMinor,
        }).ToList(),
        ["example_hits"] = r.ExampleHits.Select(Example).ToList(),
        ["example_misses"] = r.ExampleMisses.Select(Example).ToList(),
    });

    private static Dictionary<string, object?> Example(BacktestExample e) => new()
    {
        ["order_id"] = e.OrderId, ["at"] = e.At.ToString("O", CultureInfo.InvariantCulture), ["amount_minor"] = e.AmountMinor,
        ["currency"] = e.Currency, ["fraud"] = e.Fraud,
    };

    private static string Text(BacktestResult r, string source)
    {
        var lines = new List<string>
        {
            Say($"{r.Orders:N0} labelled orders ({r.Fraud:N0} fraud) from {source}{Period(r)}"),
            Say($"hits {r.Hits:N0}: {r.FraudCaught:N0} fraud caught, {r.LegitimateHit:N0} legitimate orders stopped"),
            Say($"precision {Ratio(r.Precision)}, recall {Ratio(r.Recall)}"),
        };
        lines.AddRange(r.Money.Select(m => Say($"hit {new Platform.Money(m.HitMinor, m.Currency)}, fraud caught {new Platform.Money(m.FraudCaughtMinor, m.Currency)}, legitimate stopped {new Platform.Money(m.LegitimateHitMinor, m.Currency)}, fraud missed {new Platform.Money(m.FraudMissedMinor, m.Currency)}")));
        lines.AddRange(r.ExampleHits.Select(e => Say($"  hit  {e.OrderId} {e.At:yyyy-MM-dd HH:mm} {(e.Fraud ? "fraud" : "legitimate")}")));
        lines.AddRange(r.ExampleMisses.Select(e => Say($"  miss {e.OrderId} {e.At:yyyy-MM-dd HH:mm} fraud")));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Period(BacktestResult r) =>
        r.From is null && r.To is null ? "" : Say($", {r.From:yyyy-MM-dd} to {r.To:yyyy-MM-dd}");

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

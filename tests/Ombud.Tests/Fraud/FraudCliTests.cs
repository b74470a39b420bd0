using System.Globalization;
using System.Text;
using System.Text.Json;
using Ombud.Tests.Support;

namespace Ombud.Tests.Fraud;

/// <summary><c>ombud fraud train|eval --data</c> on event histories in Amazon Fraud Detector's layout.</summary>
public sealed class FraudCliTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private static readonly DateTime Start = new(2025, 1, 6, 8, 0, 0, DateTimeKind.Utc);

    private const string Header = "EVENT_TIMESTAMP,EVENT_LABEL,ENTITY_ID,ip_address,email_address,order_price,card_bin,billing_zip,user_agent";

    private readonly string _directory = Directory.CreateTempSubdirectory("ombud-fraud-").FullName;

    [Fact]
    public async Task Train_and_eval_on_an_event_history_split_it_by_time_and_report_the_model_beside_the_baselines()
    {
        var (rows, labelled) = History();
        // Rows are written shuffled: only a split by EVENT_TIMESTAMP puts the latest fifth in the test set.
        var data = Write("events.csv", [Header, .. Enumerable.Reverse(rows).Select(r => r.Line)]);
        var model = Path.Combine(_directory, "model.zip");

        var trained = await OmbudProcess.RunAsync(NoEnvironment, "fraud", "train", "--data", data, "--out", model);
        var evaluated = await OmbudProcess.RunAsync(NoEnvironment, "fraud", "eval", "--model", model, "--data", data, "--json");

        Assert.True(trained.ExitCode == 0, trained.StandardError);
        Assert.True(evaluated.ExitCode == 0, evaluated.StandardError);
        using var json = JsonDocument.Parse(evaluated.StandardOutput);
        var root = json.RootElement;
        var testSize = labelled.Count - (int)Math.Floor(labelled.Count * 0.8);
        Assert.Equal(testSize, root.GetProperty("n").GetInt32());
        Assert.Equal(labelled.OrderBy(t => t).Skip(labelled.Count - testSize).First(),
            DateTime.Parse(root.GetProperty("test_from").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        foreach (var metric in new[] { "roc_auc", "pr_auc", "recall_at_1pct_fpr" })
        {
            Assert.InRange(root.GetProperty(metric).GetDouble(), 0, 1);
            Assert.InRange(root.GetProperty("baselines").GetProperty("order_price").GetProperty(metric).GetDouble(), 0, 1);
            Assert.InRange(root.GetProperty("baselines").GetProperty("earlier_entity_fraud_rate").GetProperty(metric).GetDouble(), 0, 1);
        }

        // Fraud here comes from a few shared devices and addresses at high prices: a model that learnt nothing scores 0.5.
        Assert.True(root.GetProperty("roc_auc").GetDouble() > 0.8, evaluated.StandardOutput);
    }

    [Fact]
    public async Task Backtest_reports_what_a_rule_would_have_hit_and_refuses_a_bad_rule_with_its_position_and_exit_2()
    {
        var data = Write("backtest.csv",
        [
            Header,
            "2025-01-06T08:00:00Z,fraud,c1,203.0.113.9,a@example.com,900.00,411111,99999,ua",
            "2025-01-07T08:00:00Z,legit,c2,198.51.100.1,b@example.com,10.00,411111,11122,ua",
            "2025-01-08T08:00:00Z,legit,c3,198.51.100.2,c@example.com,700.00,411111,11122,ua",
        ]);

        var all = await OmbudProcess.RunAsync(NoEnvironment, "fraud", "backtest", "--rule", "order.amount > 50000", "--data", data, "--json");
        var later = await OmbudProcess.RunAsync(NoEnvironment, "fraud", "backtest", "--rule", "order.amount > 50000", "--data", data, "--from", "2025-01-07", "--json");
        var bad = await OmbudProcess.RunAsync(NoEnvironment, "fraud", "backtest", "--rule", "order.amount > devise.orders_1h", "--data", data);

        Assert.True(all.ExitCode == 0, all.StandardError);
        var whole = JsonDocument.Parse(all.StandardOutput).RootElement;
        Assert.Equal((3, 1, 2, 1, 0.5, 1.0), (whole.GetProperty("orders").GetInt32(), whole.GetProperty("fraud").GetInt32(), whole.GetProperty("hits").GetInt32(),
            whole.GetProperty("fraud_caught").GetInt32(), whole.GetProperty("precision").GetDouble(), whole.GetProperty("recall").GetDouble()));
        Assert.Equal(new[] { true, false }, whole.GetProperty("example_hits").EnumerateArray().Select(e => e.GetProperty("fraud").GetBoolean()));
        Assert.True(later.ExitCode == 0, later.StandardError);
        var period = JsonDocument.Parse(later.StandardOutput).RootElement;
        Assert.Equal((2, 1, JsonValueKind.Null), (period.GetProperty("orders").GetInt32(), period.GetProperty("hits").GetInt32(), period.GetProperty("recall").ValueKind));
        Assert.True(bad.ExitCode == 2, $"exit {bad.ExitCode}: {bad.StandardOutput} {bad.StandardError}");
        Assert.Contains("1:16: unknown name 'devise.orders_1h'", bad.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-timestamp", "EVENT_TIMESTAMP")]
    [InlineData("no-label", "EVENT_LABEL")]
    [InlineData("one-class", "need both fraud and legitimate")]
    [InlineData("unclosed-quote", "not valid CSV")]
    [InlineData("bad-timestamp", "is not a date and time")]
    [InlineData("short-row", "fields where the header has")]
    [InlineData("three-labels", "--fraud-label")]
    public async Task An_unusable_event_history_is_refused_with_exit_2_and_what_is_wrong(string spoiler, string expected)
    {
        var good = "2025-01-06T08:00:00Z,legit,c1,198.51.100.1,a@example.com,10.00,411111,11122,ua";
        var bad = "2025-01-07T08:00:00Z,fraud,c2,203.0.113.9,b@example.com,900.00,411111,99999,ua";
        string[] lines = spoiler switch
        {
            "no-timestamp" => ["WHEN,EVENT_LABEL,ENTITY_ID", "2025-01-06,legit,c1", "2025-01-07,fraud,c2"],
            "no-label" => ["EVENT_TIMESTAMP,OUTCOME,ENTITY_ID", "2025-01-06T08:00:00Z,legit,c1", "2025-01-07T08:00:00Z,fraud,c2"],
            "one-class" => [Header, good, good.Replace("c1", "c3", StringComparison.Ordinal)],
            "unclosed-quote" => [Header, good, "\"2025-01-07T08:00:00Z,fraud,c2,203.0.113.9,b@example.com,900.00,411111,99999,ua"],
            "bad-timestamp" => [Header, good, bad.Replace("2025-01-07T08:00:00Z", "yesterday", StringComparison.Ordinal)],
            "short-row" => [Header, good, "2025-01-07T08:00:00Z,fraud,c2"],
            _ => [Header, good, bad, bad.Replace(",fraud,", ",chargeback,", StringComparison.Ordinal)],
        };
        var data = Write($"{spoiler}.csv", lines);

        var (exitCode, stdout, stderr) = await OmbudProcess.RunAsync(NoEnvironment, "fraud", "train", "--data", data, "--out", Path.Combine(_directory, "m.zip"));

        Assert.True(exitCode == 2, $"exit {exitCode}: {stdout} {stderr}");
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "m.zip")));
    }

    /// <summary>
    /// 60 customers over 40 days: most buy now and then from their own device and address at modest prices; a few
    /// fraudsters share three devices and one drop address and buy expensive things. Some events are unlabelled.
    /// </summary>
    private static (List<(string Line, DateTime At)> Rows, List<DateTime> Labelled) History()
    {
        var random = new Random(7);
        var rows = new List<(string, DateTime)>();
        var labelled = new List<DateTime>();
        for (var i = 0; i < 600; i++)
        {
            var at = Start.AddMinutes(i * 96 + random.Next(0, 60));
            var fraud = random.Next(100) < 15;
            var customer = fraud ? $"f{random.Next(40)}" : $"c{random.Next(60)}";
            var device = fraud ? $"ring-device-{random.Next(3)}" : $"ua-{customer}";
            var ip = fraud ? $"203.0.113.{random.Next(4)}" : $"198.51.{random.Next(60)}.{random.Next(250)}";
            var zip = fraud ? "99999" : $"1{random.Next(60):00}22";
            var price = fraud ? 600 + random.Next(900) : 20 + random.Next(300);
            var label = i % 9 == 0 ? "" : fraud ? "fraud" : "legit";
            if (label.Length > 0)
            {
                labelled.Add(at);
            }

            rows.Add((string.Create(CultureInfo.InvariantCulture,
                $"{at:yyyy-MM-ddTHH:mm:ssZ},{label},{customer},{ip},{customer}@example.com,{price}.{random.Next(100):00},4{random.Next(5)}1111,{zip},\"{device}, v1\""), at));
        }

        return (rows, labelled);
    }

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n", Encoding.UTF8);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

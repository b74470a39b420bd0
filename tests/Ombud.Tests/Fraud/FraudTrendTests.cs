using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.DemoWorld;
using Ombud.Fraud.Cases;
using Ombud.Fraud.Trends;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Fraud;

/// <summary>Weekly fraud rate and losses, with a rise beyond chance flagged and the week in progress marked.</summary>
public sealed class FraudTrendTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_week_whose_fraud_rose_beyond_chance_is_flagged_with_its_losses_and_the_current_week_is_partial(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        await TwoLabelledWeeksAsync(app);
        var analyst = await FraudRuleTests.PersonAsync(app, "analyst@example.se", Roles.Analyst);

        var response = await analyst.GetAsync("/api/v1/fraud/trends?by=market&weeks=3");
        var badBy = await analyst.GetAsync("/api/v1/fraud/trends?by=planet");
        var badWeeks = await analyst.GetAsync("/api/v1/fraud/trends?weeks=100");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var series = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("series").EnumerateArray());
        Assert.Equal("SE", series.GetProperty("value").GetString());
        var weeks = series.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(new[] { "2026-11-23", "2026-11-30", "2026-12-07" }, weeks.Select(w => w.GetProperty("week").GetString()));
        Assert.Equal(new[] { 10, 10, 0 }, weeks.Select(w => w.GetProperty("orders").GetInt32()));
        Assert.Equal(new[] { 0, 5, 0 }, weeks.Select(w => w.GetProperty("fraud").GetInt32()));
        Assert.Equal(new[] { false, true, false }, weeks.Select(w => w.GetProperty("anomaly").GetBoolean()));
        Assert.Equal(new[] { false, false, true }, weeks.Select(w => w.GetProperty("partial").GetBoolean()));
        var loss = Assert.Single(weeks[1].GetProperty("losses").EnumerateArray());
        Assert.Equal(("SEK", 5 * 134_800L), (loss.GetProperty("currency").GetString(), loss.GetProperty("minor").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, badBy.StatusCode);
        Assert.Contains("\"by\"", await badBy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badWeeks.StatusCode);
        Assert.Contains("\"weeks\"", await badWeeks.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_range_of_days_chooses_the_weeks_a_cut_week_is_partial_and_the_csv_download_is_audited(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        await TwoLabelledWeeksAsync(app);
        var analyst = await FraudRuleTests.PersonAsync(app, "analyst@example.se", Roles.Analyst);

        var one = await OkAsync(analyst, "/api/v1/fraud/trends?by=market&from=2026-11-30&to=2026-12-06");
        Assert.Equal(("2026-11-30", "2026-12-06"), (one.GetProperty("from").GetString(), one.GetProperty("to").GetString()));
        var week = Assert.Single(Assert.Single(one.GetProperty("series").EnumerateArray()).GetProperty("weeks").EnumerateArray());
        Assert.Equal(("2026-11-30", 10, 5, false), (week.GetProperty("week").GetString(), week.GetProperty("orders").GetInt32(), week.GetProperty("fraud").GetInt32(),
            week.GetProperty("partial").GetBoolean()));

        // A range that starts mid-week: that week is drawn, marked partial.
        var cut = await OkAsync(analyst, "/api/v1/fraud/trends?by=market&from=2026-11-25&to=2026-12-06");
        var weeks = Assert.Single(cut.GetProperty("series").EnumerateArray()).GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(new (string?, bool)[] { ("2026-11-23", true), ("2026-11-30", false) }, weeks.Select(w => (w.GetProperty("week").GetString(), w.GetProperty("partial").GetBoolean())));

        var csv = await analyst.GetAsync("/api/v1/fraud/trends.csv?by=market&from=2026-11-30&to=2026-12-06");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.True(csv.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("fraud-trends-by-market-2026-11-30-to-2026-12-06.csv", csv.Content.Headers.ContentDisposition?.FileNameStar ?? csv.Content.Headers.ContentDisposition?.FileName);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("by,value,week_start,partial,orders,fraud,rate,z,anomaly,loss_minor,currency,loss", lines[0]);
        Assert.StartsWith($"market,SE,2026-11-30,false,10,5,0.5,,false,{5 * 134_800},SEK,", Assert.Single(lines[1..]), StringComparison.Ordinal);
        var exported = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "analytics.exported").ToListAsync());
        Assert.Equal(("fraud:trends-by-market", "2026-11-30 to 2026-12-06"), (Assert.Single(exported).Subject, exported[0].Detail));

        var badDay = await analyst.GetAsync("/api/v1/fraud/trends?from=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        Assert.Contains("\"from\"", await badDay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var future = await analyst.GetAsync("/api/v1/fraud/trends.csv?from=2026-11-30&to=2030-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("\"to\"", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "analytics.exported").ToListAsync()));
    }

    /// <summary>
    /// Ten labelled orders in the week of 23 Nov 2026 (no fraud) and ten the week after (five fraud, planted as rings unless
    /// <paramref name="fraudKinds"/> says otherwise); the clock ends a week later.
    /// </summary>
    private static async Task TwoLabelledWeeksAsync(OmbudTestApp app, DemoLabelKind[]? fraudKinds = null)
    {
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var labels = new List<DemoLabel>();
        foreach (var (_, fraud) in new[] { (0, 0), (1, 5) })
        {
            for (var i = 0; i < 10; i++)
            {
                var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant));
                labels.Add(new DemoLabel(Guid.NewGuid(), order, customer, i < fraud ? fraudKinds?[i] ?? DemoLabelKind.FraudRing : DemoLabelKind.NotDelivered, null));
            }

            app.Clock.Advance(TimeSpan.FromDays(7));
        }

        await app.WithDbAsync(db =>
        {
            db.AddRange(labels);
            return db.SaveChangesAsync();
        });
    }

    private static async Task<JsonElement> OkAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task By_pattern_each_kind_of_fraud_is_a_series_over_all_labelled_orders_with_its_own_anomalies(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        await TwoLabelledWeeksAsync(app,
            [DemoLabelKind.AccountTakeover, DemoLabelKind.AccountTakeover, DemoLabelKind.AccountTakeover, DemoLabelKind.AccountTakeover, DemoLabelKind.FriendlyFraud]);
        var analyst = await FraudRuleTests.PersonAsync(app, "analyst@example.se", Roles.Analyst);

        var report = await OkAsync(analyst, "/api/v1/fraud/trends?by=pattern&weeks=3");
        Assert.Equal("pattern", report.GetProperty("by").GetString());
        var series = report.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("value").GetString()!, s => s.GetProperty("weeks").EnumerateArray().ToList());
        Assert.Equal(new[] { "account takeover", "friendly fraud" }, series.Keys);
        // Every pattern counts all the week's labelled orders; only its own as fraud. Four takeovers in ten is a rise beyond
        // chance after a clean week; one friendly fraud is not (fewer than three).
        Assert.Equal(new[] { 10, 10, 0 }, series["account takeover"].Select(w => w.GetProperty("orders").GetInt32()));
        Assert.Equal(new[] { 0, 4, 0 }, series["account takeover"].Select(w => w.GetProperty("fraud").GetInt32()));
        Assert.Equal(new[] { false, true, false }, series["account takeover"].Select(w => w.GetProperty("anomaly").GetBoolean()));
        Assert.Equal(new[] { 0, 1, 0 }, series["friendly fraud"].Select(w => w.GetProperty("fraud").GetInt32()));
        Assert.DoesNotContain(series["friendly fraud"], w => w.GetProperty("anomaly").GetBoolean());
        var loss = Assert.Single(series["friendly fraud"][1].GetProperty("losses").EnumerateArray());
        Assert.Equal(134_800L, loss.GetProperty("minor").GetInt64());

        var csv = await analyst.GetAsync("/api/v1/fraud/trends.csv?by=pattern&weeks=3");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(rows, r => r.StartsWith("pattern,account takeover,2026-11-30,false,10,4,0.4,", StringComparison.Ordinal) && r.Contains(",true,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DemoLabelKind.StolenIdentity, null, "stolen identity")]
    [InlineData(DemoLabelKind.StolenIdentity, Liability.ThirdPartyFraud, "stolen identity")]
    [InlineData(DemoLabelKind.FriendlyFraud, Liability.ThirdPartyFraud, "third-party fraud")]
    [InlineData(DemoLabelKind.FraudRing, Liability.FirstPartyFraud, "first-party fraud")]
    [InlineData(null, Liability.FirstPartyFraud, "first-party fraud")]
    [InlineData(null, null, FraudPatterns.NotKnown)]
    public void A_fraud_orders_pattern_is_its_kind_unless_a_case_found_the_other_party(DemoLabelKind? kind, Liability? liability, string pattern) =>
        Assert.Equal(pattern, FraudPatterns.Of(kind, liability));

    [Fact]
    public void The_z_score_compares_a_weeks_fraud_with_what_the_week_before_predicts_for_as_many_orders()
    {
        // Week before: 2 of 100 (smoothed 2.5/101); this week 1 of 50 is what that predicts, 8 of 50 is far beyond it.
        Assert.InRange(FraudTrends.ZScore(1, 50, 2, 100)!.Value, -0.5, 0.5);
        Assert.True(FraudTrends.ZScore(8, 50, 2, 100) > FraudTrends.AnomalyZ);
        Assert.Null(FraudTrends.ZScore(3, 10, 0, 0));
        Assert.Equal(new DateOnly(2026, 11, 30), FraudTrends.WeekOf(new DateTime(2026, 12, 6, 23, 59, 0, DateTimeKind.Utc)));
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;
using Ombud.Web;

namespace Ombud.Tests.Commerce.Analytics;

/// <summary>
/// The analyst's charts over HTTP: a range of days picks the orders, periods the range cuts are marked partial, each
/// chart downloads as CSV (audited), a bar opens its orders, and a bad range is refused naming its field.
/// The test clock stands at Monday 23 November 2026.
/// </summary>
public sealed class AnalyticsApiTests
{
    private const string Volumes = "/api/v1/analytics/volumes";
    private const string Csv = "/api/v1/analytics/volumes.csv";
    private const string Orders = "/api/v1/analytics/orders";

    /// <summary>Each order of <see cref="Feed.Order"/>: 1,299.00 + 49.00 shipping.</summary>
    private const long OrderMinor = 134_800;

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_charts_count_the_orders_of_the_range_and_mark_the_periods_it_cuts_as_partial(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (analyst, _) = await WorldAsync(app);

        // 23 days: week by week. 1 November is a Sunday, so the first week is cut to that day; the running week to today.
        var weeks = await analyst.GetFromJsonAsync<JsonElement>($"{Volumes}?from=2026-11-01&to=2026-11-23");
        Assert.Equal("week", weeks.GetProperty("range").GetProperty("grain").GetString());
        var periods = weeks.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"], periods.Select(p => p.GetProperty("start").GetString()));
        Assert.Equal([0, 1, 0, 1, 1], periods.Select(p => p.GetProperty("orders").GetInt32()));
        Assert.Equal([true, false, false, false, true], periods.Select(p => p.GetProperty("partial").GetBoolean()));
        Assert.Equal("2026-11-01", periods[0].GetProperty("from").GetString());
        Assert.Equal("2026-11-01", periods[0].GetProperty("to").GetString());
        Assert.Equal("2026-11-23", periods[^1].GetProperty("to").GetString());
        // The order of 10 October is outside the range; the three inside are two pay-in-4 and one pay-in-30-days.
        var volumes = weeks.GetProperty("volumes").EnumerateArray().ToList();
        Assert.Equal(3, volumes.Sum(v => v.GetProperty("orders").GetInt32()));
        var payIn4 = Assert.Single(volumes, v => v.GetProperty("kind").GetString() == "payIn4");
        Assert.Equal(2 * OrderMinor, payIn4.GetProperty("amount").GetProperty("minor").GetInt64());

        // Without a range: the last twelve whole months, month by month; only the running month is partial.
        var months = await analyst.GetFromJsonAsync<JsonElement>(Volumes);
        var monthly = months.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(12, monthly.Count);
        Assert.Equal("2025-12-01", monthly[0].GetProperty("start").GetString());
        Assert.Equal([false, false, false, false, false, false, false, false, false, false, false, true], monthly.Select(p => p.GetProperty("partial").GetBoolean()));
        Assert.Equal(1, monthly[10].GetProperty("orders").GetInt32()); // October
        Assert.Equal(3, monthly[11].GetProperty("orders").GetInt32()); // November so far
        Assert.Equal("2026-11-23", monthly[11].GetProperty("to").GetString());

        // A range starting mid-month cuts its first month too.
        var cut = await analyst.GetFromJsonAsync<JsonElement>($"{Volumes}?from=2026-09-15&to=2026-11-23");
        Assert.Equal("week", cut.GetProperty("range").GetProperty("grain").GetString());
        var yearly = await analyst.GetFromJsonAsync<JsonElement>($"{Volumes}?from=2025-11-15&to=2026-10-31");
        var first = yearly.GetProperty("periods")[0];
        Assert.Equal(("2025-11-01", "2025-11-15", true), (first.GetProperty("start").GetString(), first.GetProperty("from").GetString(), first.GetProperty("partial").GetBoolean()));
        Assert.False(yearly.GetProperty("periods").EnumerateArray().Last().GetProperty("partial").GetBoolean());
        Assert.Equal(1, yearly.GetProperty("volumes").EnumerateArray().Sum(v => v.GetProperty("orders").GetInt32()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Each_chart_downloads_as_csv_in_minor_units_and_the_viewers_format_and_each_download_is_audited(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (analyst, _) = await WorldAsync(app);

        var (byMarket, name) = await CsvAsync(analyst, "ordersByMarket", "sv-SE");
        Assert.Equal("orders-by-market-2026-11-01-to-2026-11-23.csv", name);
        var swedish = Display.Money(new Money(2 * OrderMinor, "SEK"), CultureInfo.GetCultureInfo("sv-SE"));
        Assert.EndsWith("kr", swedish, StringComparison.Ordinal);
        Assert.Equal(
        [
            "from,to,market,plan_type,orders,amount_minor,currency,amount",
            $"2026-11-01,2026-11-23,SE,Pay in 4,2,{2 * OrderMinor},SEK,\"{swedish}\"",
            $"2026-11-01,2026-11-23,SE,Pay in 30 days,1,{OrderMinor},SEK,\"{Display.Money(new Money(OrderMinor, "SEK"), CultureInfo.GetCultureInfo("sv-SE"))}\"",
        ], byMarket);

        var (overTime, _) = await CsvAsync(analyst, "ordersOverTime", null);
        Assert.Equal("period,period_start,from,to,partial,orders", overTime[0]);
        Assert.Equal("week,2026-10-26,2026-11-01,2026-11-01,true,0", overTime[1]);
        Assert.Equal("week,2026-11-02,2026-11-02,2026-11-08,false,1", overTime[2]);
        Assert.Equal("week,2026-11-23,2026-11-23,2026-11-23,true,1", overTime[^1]);

        var (due, _) = await CsvAsync(analyst, "instalmentsDue", null);
        Assert.Equal("from,to,market,due,on_time,late,missed", due[0]);
        Assert.Matches(@"^2026-11-01,2026-11-23,SE,\d+,\d+,\d+,\d+$", due[1]);

        var refused = await analyst.GetAsync($"{Csv}?chart=everything&from=2026-11-01");
        await AssertRefusedAsync(refused, "chart");

        var exported = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "analytics.exported").OrderBy(e => e.Id).ToListAsync());
        // One clock instant for all three: their order in the log is not theirs to keep.
        Assert.Equal(["analytics:instalments-due", "analytics:orders-by-market", "analytics:orders-over-time"], exported.Select(e => e.Subject).Order(StringComparer.Ordinal));
        Assert.All(exported, e => Assert.Equal("2026-11-01 to 2026-11-23", e.Detail));
        Assert.All(exported, e => Assert.StartsWith("user:", e.Actor, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_bar_opens_its_orders_a_page_at_a_time_without_names_and_only_staff_get_the_customer(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (analyst, world) = await WorldAsync(app);

        var first = await analyst.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-01&to=2026-11-23&market=se&plan=payIn4&limit=1");
        var row = Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Equal("ORD-1120", row.GetProperty("reference").GetString());
        Assert.Equal("SE", row.GetProperty("market").GetString());
        Assert.Equal(OrderMinor, row.GetProperty("amount").GetProperty("minor").GetInt64());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("customerId").ValueKind);
        Assert.False(row.TryGetProperty("email", out _));
        var next = first.GetProperty("nextCursor").GetString();
        var second = await analyst.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-01&to=2026-11-23&market=SE&plan=payIn4&limit=1&cursor={next}");
        Assert.Equal("ORD-1102", Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("reference").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var week = await analyst.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-23&to=2026-11-23");
        Assert.Equal(["ORD-1123"], week.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("reference").GetString()));
        Assert.Empty((await analyst.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-01&to=2026-11-23&plan=none")).GetProperty("items").EnumerateArray());
        Assert.Empty((await analyst.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-01&to=2026-11-23&market=DK")).GetProperty("items").EnumerateArray());

        // An admin is at the staff desk, so may open the customer behind a row.
        var admin = await world.PersonAsync("admin@provider.example", Roles.Admin);
        var seen = await admin.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-23&to=2026-11-23");
        Assert.Equal(JsonValueKind.String, Assert.Single(seen.GetProperty("items").EnumerateArray()).GetProperty("customerId").ValueKind);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_instalments_row_opens_the_orders_with_an_instalment_due_in_the_range_whenever_they_were_placed(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (analyst, _) = await WorldAsync(app);

        var due = await analyst.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-01&to=2026-11-22&market=SE&due=true");
        var references = due.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("reference").GetString()).ToList();
        // Placed in October, paying in November: behind November's instalments, though not among November's orders.
        Assert.Contains("ORD-1010", references);
        Assert.DoesNotContain("ORD-1010", (await analyst.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-01&to=2026-11-22&market=SE"))
            .GetProperty("items").EnumerateArray().Select(o => o.GetProperty("reference").GetString()));
        // Placed today, paid in 30 days: nothing of it fell due yet.
        Assert.DoesNotContain("ORD-1123", references);
        // As many orders as the table's row counts instalments at most, and none in a market without any.
        var table = await analyst.GetFromJsonAsync<JsonElement>($"{Volumes}?from=2026-11-01&to=2026-11-22");
        var se = Assert.Single(table.GetProperty("payments").EnumerateArray(), p => p.GetProperty("market").GetString() == "SE");
        Assert.InRange(references.Count, 1, se.GetProperty("due").GetInt32());
        Assert.Empty((await analyst.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-01&to=2026-11-22&market=DK&due=true")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Days_are_counted_in_the_viewers_time_zone_so_a_late_evening_order_in_utc_is_the_next_day_in_stockholm(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (analyst, _) = await WorldAsync(app);

        // ORD-1120 was placed at 23:30 UTC on 20 November: 00:30 on the 21st in Stockholm.
        static int Count(JsonElement view) => view.GetProperty("volumes").EnumerateArray().Sum(v => v.GetProperty("orders").GetInt32());
        var utc = await analyst.GetFromJsonAsync<JsonElement>($"{Volumes}?from=2026-11-01&to=2026-11-20");
        var stockholm = await analyst.GetFromJsonAsync<JsonElement>($"{Volumes}?from=2026-11-01&to=2026-11-20&timeZone=Europe/Stockholm");
        Assert.Equal((2, 1), (Count(utc), Count(stockholm)));
        Assert.Equal(("UTC", "Europe/Stockholm"), (utc.GetProperty("range").GetProperty("timeZone").GetString(), stockholm.GetProperty("range").GetProperty("timeZone").GetString()));
        Assert.Equal("2026-10-31T23:00:00Z", stockholm.GetProperty("range").GetProperty("start").GetDateTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

        // The bar of the 21st's week holds it in Stockholm and the drill-down of that one day finds it there, not in UTC.
        var byDay = await analyst.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-21&to=2026-11-21&timeZone=Europe/Stockholm");
        Assert.Equal(["ORD-1120"], byDay.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("reference").GetString()));
        Assert.Empty((await analyst.GetFromJsonAsync<JsonElement>($"{Orders}?from=2026-11-21&to=2026-11-21")).GetProperty("items").EnumerateArray());

        foreach (var path in new[] { $"{Volumes}?timeZone=Mars/Olympus", $"{Orders}?timeZone=Mars/Olympus", $"{Csv}?chart=ordersOverTime&timeZone={new string('x', 70)}" })
        {
            await AssertRefusedAsync(await analyst.GetAsync(path), "timeZone");
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_bad_range_is_refused_naming_its_field_and_nothing_is_exported(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (analyst, _) = await WorldAsync(app);

        foreach (var path in new[] { Volumes, Orders, $"{Csv}?chart=ordersByMarket&x=" })
        {
            var query = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            foreach (var (bad, field) in new[]
            {
                ("from=2026-13-01", "from"),
                ("from=1 Nov 2026", "from"),
                ("to=2026-11-31", "to"),
                ("from=2026-11-10&to=2026-11-01", "to"),
                ("to=2026-11-24", "to"),
                ("from=2023-01-01&to=2026-11-23", "from"),
                ("from=0001-01-01&to=0001-01-05", "to"),
            })
            {
                await AssertRefusedAsync(await analyst.GetAsync(path + query + bad), field);
            }
        }

        foreach (var (bad, field) in new[] { ("plan=monthly", "plan"), ("plan=4", "plan"), ("limit=0", "limit"), ("cursor=not-a-cursor", "cursor"), ($"market={new string('X', 9)}", "market") })
        {
            await AssertRefusedAsync(await analyst.GetAsync($"{Orders}?{bad}"), field);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "analytics.exported")));
        // Three years to the day is the widest range.
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"{Volumes}?from=2023-11-25&to=2026-11-23")).StatusCode);
    }

    /// <summary>
    /// One Swedish shopper's orders: 10 October (outside the ranges asked for), 2 and 20 November pay in 4, and today,
    /// 23 November, pay in 30 days. The analyst, signed in.
    /// </summary>
    private static async Task<(HttpClient Analyst, DisputeParties Parties)> WorldAsync(OmbudTestApp app)
    {
        var parties = await DisputeParties.OpenAsync(app);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var customer = await feed.CreateAsync("customers", Feed.Customer());
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        foreach (var (reference, placedAt, plan) in new[]
        {
            ("ORD-1010", "2026-10-10T12:00:00Z", "payIn4"), ("ORD-1102", "2026-11-02T08:00:00Z", "payIn4"),
            ("ORD-1120", "2026-11-20T23:30:00Z", "payIn4"), ("ORD-1123", null, "payIn30Days"),
        })
        {
            var order = Feed.Order(customer, merchant, plan);
            order["externalId"] = reference;
            order["placedAt"] = placedAt;
            await feed.CreateAsync("orders", order);
        }

        return (await parties.PersonAsync("analyst@provider.example", Roles.Analyst), parties);
    }

    private static async Task<(string[] Lines, string? FileName)> CsvAsync(HttpClient client, string chart, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Csv}?chart={chart}&from=2026-11-01&to=2026-11-23");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        return (lines, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _),
            $"{response.RequestMessage?.RequestUri}: '{field}' not named in {body}");
    }
}

using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// The analyst's home in a real browser: picks the last 30 days, sees the chart go weekly with the running week marked
/// partial, downloads a chart as CSV, and opens the orders behind the running week's bar.
/// </summary>
public sealed class AnalystViewTests(DemoServer server) : IClassFixture<DemoServer>
{
    private const string OrderReference = "BT-ANALYST-4410";

    [Fact]
    public async Task An_analyst_picks_a_range_downloads_a_chart_and_opens_the_orders_behind_a_bar()
    {
        // An order of known shape, placed now: it is in the running week, whatever the demo history holds.
        using (var checkout = await DemoCheckout.OpenAsync(server, "browser-test-analyst"))
        {
            await checkout.PlaceShippedOrderAsync(OrderReference, "HP-441", "Studio headphones", 99_900, "PostNord", "PN-ANALYST-1");
        }

        var analyst = await server.SignInAsync("analyst", "/analyst");
        await Expect(analyst.Locator("[data-range-shown]")).ToContainTextAsync("by month");
        // The page says whose days it counts: the browser's zone, sent with the page's cookie.
        await Expect(analyst.Locator("[data-range-zone]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("days counted in (UTC|[A-Za-z_]+/[A-Za-z_]+) time"));

        await DemoServer.ClickUntilShownAsync(analyst.GetByRole(AriaRole.Button, new() { Name = "Last 30 days" }),
            analyst.Locator("[data-range-shown]", new() { HasText = "by week" }), 20_000);
        Assert.Contains("from=", analyst.Url, StringComparison.Ordinal);
        Assert.Contains("to=", analyst.Url, StringComparison.Ordinal);
        var weeks = analyst.Locator("[data-chart='orders-over-time'] rect[data-period]");
        Assert.InRange(await weeks.CountAsync(), 5, 6);
        // 30 days never fill whole weeks at both ends: a cut one is marked, in words too.
        await Expect(analyst.Locator("[data-partial-note]").First).ToContainTextAsync("partial: ");
        await Expect(analyst.Locator("[data-chart='orders-over-time'] rect[data-partial='true']").First).ToBeAttachedAsync();

        // The same view is a link: opened afresh, it shows the same days.
        var link = analyst.Url;
        await analyst.GotoAsync(link);
        await DemoServer.WaitUntilLiveAsync(analyst);
        await Expect(analyst.Locator("[data-range-shown]")).ToContainTextAsync("by week");

        var download = await analyst.RunAndWaitForDownloadAsync(() =>
            analyst.GetByRole(AriaRole.Link, new() { Name = "Download Orders per week as CSV" }).ClickAsync());
        Assert.StartsWith("orders-over-time-", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = (await File.ReadAllTextAsync(await download.PathAsync())).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("period,period_start,from,to,partial,orders", csv[0]);
        Assert.StartsWith("week,", csv[1], StringComparison.Ordinal);

        // The running week's bar opens its orders, the one placed above among them.
        await DemoServer.ClickUntilShownAsync(weeks.Last, analyst.Locator("[data-drill-rows]"), 20_000);
        await Expect(analyst.Locator("[data-drill-down] h2")).ToContainTextAsync("Orders: ");
        await Expect(analyst.Locator("[data-drill-rows]")).ToContainTextAsync(OrderReference);
        await DemoServer.ScreenshotAsync(analyst, "analyst-drill-down");

        var exported = await server.QueryAsync("SELECT Subject FROM platform_audit_log WHERE Action = 'analytics.exported'");
        Assert.Equal("analytics:orders-over-time", Assert.Single(exported));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

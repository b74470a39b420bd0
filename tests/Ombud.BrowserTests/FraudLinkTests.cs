using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// A fraud specialist opens the demo's planted ring from /fraud/rings, opens a case for it after a summary, sees what
/// links to the case's order as a drawing and as tables, follows a linked order from the drawing, and finds the ring
/// page usable on a phone-sized screen.
/// </summary>
public sealed partial class FraudLinkTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task A_fraud_specialist_opens_the_demo_ring_opens_its_case_explores_the_links_and_follows_a_linked_order()
    {
        var page = await server.SignInAsync("fraud-specialist", "/fraud");
        await page.GotoAsync("/fraud/rings");
        await DemoServer.WaitUntilLiveAsync(page);
        // The demo's cases are planted in the background right after start, and the ring detection runs after them: on a
        // loaded 2-core machine that takes minutes, and the open list shows the ring when it is found.
        var ring = page.Locator("[data-ring-link]").First;
        await Expect(ring).ToBeVisibleAsync(new() { Timeout = 180_000 });
        await ring.ClickAsync();
        await page.WaitForURLAsync(new Regex("/fraud/rings/[0-9a-f-]{36}$"));
        var ringPage = page.Url;
        await Expect(page.Locator("[data-graph-svg]")).ToBeVisibleAsync(Patient);
        await Expect(page.Locator("[data-graph-identities] tr[data-identity=Device]").First).ToBeVisibleAsync(Patient);
        await Expect(page.Locator("[data-graph-identities] tr[data-identity=ShippingAddress]").First).ToBeVisibleAsync(Patient);

        // A case for the ring, after a summary of what will happen.
        await page.Locator("[data-open-ring-case]").ClickAsync();
        await Expect(page.Locator("[data-ring-case-summary]")).ToContainTextAsync("A fraud case opens on", new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, open the case" }).ClickAsync();
        await server.ReachAsync(page, CasePage());

        var graph = page.Locator("#case-link-graph");
        await Expect(graph.Locator("[data-graph-svg]")).ToBeVisibleAsync(Patient);
        // The ring's order links to its fellow members' orders through the shared device and drop address.
        await Expect(graph.Locator("[data-graph-order-row]").Nth(1)).ToBeVisibleAsync(Patient);
        await Expect(graph.Locator("[data-graph-identities] tr[data-identity=Device]").First).ToBeVisibleAsync(Patient);
        // Shapes carry text too: every node has a title saying what it is.
        Assert.True(await graph.Locator("svg [data-graph-node=Customer] title").CountAsync() >= 2, "The ring's customers are not drawn.");
        await DemoServer.ScreenshotAsync(page, "fraud-case-links");

        var linked = graph.Locator("svg a[data-graph-node=Order]").Nth(1);
        Assert.Matches(LinkedOrderPage(), await linked.GetAttributeAsync("href") ?? "");
        // By keyboard, as anyone not using a mouse would: the drawing's order nodes are links.
        await linked.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await server.ReachAsync(page, LinkedOrderPage());
        await Expect(page.Locator("h1")).ToBeVisibleAsync(Patient);

        // On a phone the drawing shrinks to fit and the tables scroll in their own boxes: the page itself never scrolls sideways.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(ringPage);
        await DemoServer.WaitUntilLiveAsync(page);
        await Expect(page.Locator("[data-graph-svg]")).ToBeVisibleAsync(Patient);
        await Expect(page.Locator("[data-ring-case]")).ToBeVisibleAsync(Patient);
        // When the ring was active, and the card two of its members shared, drawn as a card with its label.
        await Expect(page.Locator("[data-ring-activity]")).ToContainTextAsync("linked within 90 days");
        await Expect(page.Locator("svg [data-graph-node=PaymentInstrument] title").First).ToContainTextAsync("payment instrument: card ••");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The ring page scrolls sideways at 390 px.");
        await DemoServer.ScreenshotAsync(page, "fraud-ring-390");

        // The trends by pattern over the last year (the planted rings bust out 10 to 120 days ago, partly before the
        // default 12 weeks): the ring's fraud is a series of its own.
        var today = DateTime.UtcNow.Date;
        await page.GotoAsync($"/fraud/trends?by=pattern&from={Day(today.AddDays(-364))}&to={Day(today)}");
        await DemoServer.WaitUntilLiveAsync(page);
        await Expect(page.Locator("[data-pattern-note]")).ToBeVisibleAsync(Patient);
        await Expect(page.Locator("[data-trend-series='fraud ring']")).ToBeVisibleAsync(Patient);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The trends page scrolls sideways at 390 px.");
    }

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("/fraud/cases/[0-9a-f-]{36}$")]
    private static partial Regex CasePage();

    [GeneratedRegex("/(staff/customers|fraud/cases)/[0-9a-f-]{36}$")]
    private static partial Regex LinkedOrderPage();

    private static readonly LocatorAssertionsToBeVisibleOptions Patient = new() { Timeout = 60_000 };

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// The staff desk in a real browser: a staff agent finds a customer by an order's reference, opens the customer's
/// page (orders, disputes, who read it), then opens the dispute from the list of all disputes. A gig agent is not
/// offered the desk. Both looks are in the audit log.
/// </summary>
public sealed class StaffDeskTests(DemoServer server) : IClassFixture<DemoServer>
{
    private const string OrderReference = "BT-STAFF-7731";

    // The demo shopper has a long history: her page can take a while on a loaded 2-core machine.

    [Fact]
    public async Task Staff_search_a_customer_by_order_reference_open_them_and_open_the_dispute_from_the_list_of_all()
    {
        string orderId;
        using (var checkout = await DemoCheckout.OpenAsync(server, "browser-test-staff-desk"))
        {
            orderId = await checkout.PlaceShippedOrderAsync(OrderReference, "HP-910", "Travel headphones", 89_900, "PostNord", "PN-STAFF-1");
        }

        var disputeId = await DemoCheckout.ReportAsync(server, orderId, "goodsOrServiceNotReceived", "The parcel never came.");

        // A gig agent is not offered the desk.
        var gig = await server.SignInAsync("agent", "/agent");
        await Expect(gig.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true })).ToHaveCountAsync(0);
        await gig.Context.CloseAsync();

        var staff = await server.SignInAsync("agent", "/agent", "staff.agent@demo.ombud.test");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true }).ClickAsync();
        await staff.WaitForURLAsync("**/staff/customers");
        await staff.GetByLabel("Name, e-mail, phone or order reference").FillAsync(OrderReference);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await staff.WaitForURLAsync($"**/staff/customers?q={OrderReference}");
        var match = staff.Locator("[data-matches] a[data-customer]");
        await Expect(match).ToHaveCountAsync(1);
        await Expect(staff.Locator("[data-matches]")).ToContainTextAsync($"order {OrderReference}");
        await match.ClickAsync();
        await staff.WaitForURLAsync(new Regex(@"/staff/customers/[0-9a-f-]{36}$"));
        await Expect(staff.Locator("[data-orders]")).ToContainTextAsync(OrderReference);
        await Expect(staff.Locator($"[data-customer-disputes] a[data-open-dispute='{disputeId}']")).ToBeVisibleAsync();

        // On a phone the customer page fits the screen's width.
        await staff.SetViewportSizeAsync(390, 844);
        await staff.ReloadAsync();
        await Expect(staff.Locator("[data-orders]")).ToContainTextAsync(OrderReference);
        var wider = await staff.EvaluateAsync<string>("""
            () => document.documentElement.scrollWidth <= window.innerWidth ? "" : [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => `${e.tagName.toLowerCase()}.${e.className}`).slice(0, 10).join(" | ")
            """);
        Assert.True(wider.Length == 0, $"The customer page scrolls sideways at 390 px: {wider}");
        await DemoServer.ScreenshotAsync(staff, "staff-desk-customer-390");
        await staff.SetViewportSizeAsync(1400, 900);

        await staff.GotoAsync("/disputes/all");

        await DemoServer.WaitUntilLiveAsync(staff);
        var open = staff.Locator($"[data-all-disputes] a[data-open-dispute='{disputeId}']");
        await Expect(open).ToBeVisibleAsync();
        await DemoServer.ScreenshotAsync(staff, "staff-desk-all-disputes");
        await open.ClickAsync();
        await staff.WaitForURLAsync($"**/disputes/review/{disputeId}");
        await Expect(staff.Locator("[data-status] [data-dispute-state]")).ToBeVisibleAsync();

        var staffUser = Assert.Single(await server.QueryAsync("SELECT Id FROM platform_users WHERE Email = 'staff.agent@demo.ombud.test'"));
        var acts = await server.QueryAsync($"SELECT Action FROM platform_audit_log WHERE Actor = 'user:{staffUser}' AND Action IN ('customer.searched', 'customer.viewed') ORDER BY At");
        Assert.Equal("customer.searched", acts[0]);
        Assert.Contains("customer.viewed", acts);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

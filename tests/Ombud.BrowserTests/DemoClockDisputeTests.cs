using System.Globalization;
using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// The demo clock shows the lifecycle's timers firing: the demo world has a dispute waiting for the store's answer; an
/// admin moves the node's clock past the store's deadline in the page; the timer decides the dispute for the shopper
/// and the dispute's page, open all the while in another admin's browser, shows it without a reload.
/// </summary>
public sealed class DemoClockDisputeTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task An_admin_moves_the_demo_clock_past_a_merchant_deadline_and_the_timer_decides_the_dispute_on_screen()
    {
        // A dispute of the demo world waiting for the store's answer, the one whose deadline comes first.
        var waiting = Assert.Single(await server.QueryAsync(
            "SELECT Id || '|' || MerchantDeadline FROM disputes_disputes WHERE State = 'Initiated' ORDER BY MerchantDeadline LIMIT 1")).Split('|');
        var (id, deadline) = (waiting[0].ToLowerInvariant(), DateTime.Parse(waiting[1], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
        var hours = (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalHours) + 1;

        // One admin watches the dispute's page and never reloads it: the page follows the dispute by itself.
        var watcher = await server.SignInAsync("admin", "/admin");
        await watcher.GotoAsync($"/disputes/review/{id}");
        await DemoServer.WaitUntilLiveAsync(watcher);
        var state = watcher.Locator("[data-status] [data-dispute-state]");
        await Expect(state).ToHaveAttributeAsync("data-dispute-state", "Initiated");
        await Expect(watcher.Locator("[data-next]")).ToContainTextAsync("Waiting for the merchant's answer");
        await DemoServer.ScreenshotAsync(watcher, "demo-clock-1-waiting-for-the-store");

        var admin = await server.SignInAsync("admin", "/admin");
        await admin.GotoAsync("/admin/demo-clock");
        await DemoServer.WaitUntilLiveAsync(admin);
        await admin.GetByLabel("Hours").FillAsync(hours.ToString(CultureInfo.InvariantCulture));
        await admin.GetByLabel("Hours").PressAsync("Tab");
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Move by {hours} hours…" }).ClickAsync();
        await Expect(admin.Locator("[data-demo-summary]")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Move the clock" }).ClickAsync();
        await Expect(admin.Locator("[data-demo-ahead]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("ahead"));
        await admin.Context.CloseAsync();

        // The timer loop wakes when the clock moves and decides; the open page shows it within its next reads.
        await Expect(state).ToHaveAttributeAsync("data-dispute-state", "Closed", new() { Timeout = 90_000 });
        await Expect(watcher.Locator("[data-next]")).ToContainTextAsync("The store did not reply in time");
        await Expect(watcher.Locator("[data-timeline]")).ToContainTextAsync("the store's deadline passed");
        await DemoServer.ScreenshotAsync(watcher, "demo-clock-2-decided-by-the-timer");

        Assert.Equal("MerchantLost MerchantDidNotReply system", Assert.Single(await server.QueryAsync(
            "SELECT d.Outcome || ' ' || d.OutcomeDetail || ' ' || t.Actor FROM disputes_disputes d JOIN disputes_transitions t ON t.DisputeId = d.Id "
            + $"WHERE d.Id = '{id.ToUpperInvariant()}' AND t.Move = 'ExpireMerchantDeadline'")));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

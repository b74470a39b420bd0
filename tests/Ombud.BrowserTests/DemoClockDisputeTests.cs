using System.Globalization;
using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// The demo clock shows the lifecycle's timers firing: the demo world has a dispute waiting for the store's answer; an
/// admin moves the node's clock past the store's deadline in the page; the timer decides the dispute for the shopper
/// and the dispute's page shows it.
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

        var admin = await server.SignInAsync("admin", "/admin");
        await admin.GotoAsync($"/disputes/review/{id}");
        await Expect(admin.Locator("[data-status] [data-dispute-state]")).ToHaveAttributeAsync("data-dispute-state", "Initiated");
        await Expect(admin.Locator("[data-next]")).ToContainTextAsync("Waiting for the merchant's answer");
        await DemoServer.ScreenshotAsync(admin, "demo-clock-1-waiting-for-the-store");

        await admin.GotoAsync("/admin/demo-clock");
        await admin.GetByLabel("Hours").FillAsync(hours.ToString(CultureInfo.InvariantCulture));
        await admin.GetByLabel("Hours").PressAsync("Tab");
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Move by {hours} hours…" }).ClickAsync();
        await Expect(admin.Locator("[data-demo-summary]")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Move the clock" }).ClickAsync();
        await Expect(admin.Locator("[data-demo-ahead]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("ahead"));

        // Days later by the node's clock the admin's sign-in has expired: they sign in again, as a person coming back would.
        await admin.Context.CloseAsync();
        admin = await server.SignInAsync("admin", "/admin");

        // The timer loop wakes when the clock moves; the page reads the dispute afresh until it shows the decision.
        await admin.GotoAsync($"/disputes/review/{id}");
        var state = admin.Locator("[data-status] [data-dispute-state]");
        var until = DateTime.UtcNow.AddSeconds(90);
        while (await state.GetAttributeAsync("data-dispute-state") != "Closed" && DateTime.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await admin.ReloadAsync();
            await Expect(admin.Locator("[data-status]")).ToBeVisibleAsync();
        }

        await Expect(state).ToHaveAttributeAsync("data-dispute-state", "Closed");
        await Expect(admin.Locator("[data-next]")).ToContainTextAsync("The store did not reply in time");
        await Expect(admin.Locator("[data-timeline]")).ToContainTextAsync("the store's deadline passed");
        await DemoServer.ScreenshotAsync(admin, "demo-clock-2-decided-by-the-timer");

        Assert.Equal("MerchantLost MerchantDidNotReply system", Assert.Single(await server.QueryAsync(
            "SELECT d.Outcome || ' ' || d.OutcomeDetail || ' ' || t.Actor FROM disputes_disputes d JOIN disputes_transitions t ON t.DisputeId = d.Id "
            + $"WHERE d.Id = '{id.ToUpperInvariant()}' AND t.Move = 'ExpireMerchantDeadline'")));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

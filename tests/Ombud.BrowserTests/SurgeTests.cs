using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// Surge in real browsers: the demo agent opts in to surge e-mails in the console while offline; the demo shopper on a
/// phone asks for a person with nobody online and sees the wait estimate in the chat; the staff supply page shows the
/// waiting hand-off and the level rising; the opted-in agent is e-mailed at the real SMTP server, goes online, and the
/// offer they get says what surge pays.
/// </summary>
public sealed class SurgeTests(MailingDemoServer server) : IClassFixture<MailingDemoServer>
{
    [Fact]
    public async Task A_waiting_shopper_sees_the_estimate_staff_see_the_surge_and_the_opted_in_agent_is_mailed_and_offered_surge_pay()
    {
        var agent = await server.SignInAsync("agent", "/agent");
        await agent.GotoAsync("/agent/console");
        await DemoServer.WaitUntilLiveAsync(agent);
        await Expect(agent.Locator("#status-offline")).ToHaveAttributeAsync("aria-pressed", "true");
        var optIn = agent.GetByLabel("E-mail me when it surges");
        await Expect(optIn).Not.ToBeCheckedAsync();
        await optIn.CheckAsync();
        await Expect(agent.Locator("[data-surge-calls]")).ToHaveAttributeAsync("data-surge-calls", "true");

        // The choice is kept: read again after a reload, and stored.
        await agent.ReloadAsync();
        await DemoServer.WaitUntilLiveAsync(agent);
        await Expect(agent.GetByLabel("E-mail me when it surges")).ToBeCheckedAsync();
        Assert.Equal(["1"], await server.QueryAsync(
            "SELECT c.OptedIn FROM marketplace_surge_calls c JOIN marketplace_agents a ON a.Id = c.AgentId JOIN platform_users u ON u.Id = a.UserId "
            + "WHERE u.Email = 'agent@demo.ombud.test'"));

        // Nobody is online: the shopper who asks for a person is told so, in the chat, while they wait.
        var shopper = await server.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await DemoServer.SignInAsync(shopper, "shopper", "/shopper");
        await shopper.GotoAsync("/assistant");
        await DemoServer.WaitUntilLiveAsync(shopper);
        await Expect(shopper.Locator("[data-author='assistant']").First).ToContainTextAsync("Anna");
        await shopper.Locator("#talk-to-a-person").ClickAsync();
        var estimate = shopper.Locator("[data-wait-estimate]");
        await Expect(estimate).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await estimate.InnerTextAsync()));
        await DemoServer.ScreenshotAsync(shopper, "surge-1-shopper-wait-estimate-390");

        // Staff see the hand-off waiting, nobody online, and the level the next review sets.
        var admin = await server.SignInAsync("admin", "/admin");
        await admin.GotoAsync("/staff/marketplace");
        await DemoServer.WaitUntilLiveAsync(admin);
        await Expect(admin.Locator("[data-waiting]")).ToHaveAttributeAsync("data-waiting", "1");
        await Expect(admin.Locator("[data-agents-online]")).ToHaveAttributeAsync("data-agents-online", "0");
        await Expect(admin.Locator("[data-waiting-by] tbody tr")).ToHaveCountAsync(1);
        await Expect(admin.Locator("[data-surge-level]")).ToHaveAttributeAsync("data-surge-level", "HighSurge", new() { Timeout = 120_000 });
        await Expect(admin.Locator("[data-surge-level]")).ToContainTextAsync("High surge");
        await DemoServer.ScreenshotAsync(admin, "surge-2-supply-page");

        // The opted-in agent, offline, is called by e-mail with a link to the console.
        var (mail, link) = await MailingDemoServer.LinkMailedToAsync("agent@demo.ombud.test");
        Assert.Equal("Shoppers are waiting: pay is up", mail.Subject);
        Assert.Equal("/agent/console", link);

        // Online, they are offered the waiting conversation at the surge's pay, and the supply page counts them.
        await agent.Locator("#status-online").ClickAsync();
        await Expect(agent.Locator("#status-online")).ToHaveAttributeAsync("aria-pressed", "true");
        var offer = agent.Locator("[data-offer]");
        await Expect(offer).ToBeVisibleAsync();
        await Expect(offer.Locator("[data-offer-surge]")).ToContainTextAsync("Surge: pays");
        await DemoServer.ScreenshotAsync(agent, "surge-3-offer");
        await Expect(admin.Locator("[data-agents-online]")).ToHaveAttributeAsync("data-agents-online", "1");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

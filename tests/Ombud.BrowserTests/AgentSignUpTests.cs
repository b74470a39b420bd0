using Microsoft.Playwright;
using Ombud.BrowserTests.Sweep;

namespace Ombud.BrowserTests;

/// <summary>
/// Becoming an agent in a real browser: someone joins at /agents/join on a phone, the confirmation e-mail reaches the
/// real SMTP server, they open its link, confirm, sign in and see they wait for certification; an admin certifies a
/// skill on /admin/agents, asked to confirm first; the new agent goes online. The admin's list also shows the demo
/// world's applicants in every state, and why the shopper who became an agent is kept from some conversations.
/// </summary>
public sealed class AgentSignUpTests(MailingDemoServer server) : IClassFixture<MailingDemoServer>
{
    private const string Password = "Answering-shoppers-4";

    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_person_joins_confirms_the_mailed_link_waits_for_certification_is_certified_by_an_admin_and_goes_online()
    {
        var email = $"sara.{Guid.NewGuid():N}@example.com";
        var person = await server.NewPageAsync(new BrowserNewContextOptions { ViewportSize = Phone });
        await person.GotoAsync("/agents/join");
        await CheckPageAsync(person, "join form");

        // Nothing filled in: every field says what it needs, at the field, and nobody is signed up.
        await person.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(person.Locator("#name-error")).ToHaveTextAsync("Required.");
        await Expect(person.Locator("#email-error")).ToHaveTextAsync("Required.");
        await Expect(person.Locator("#password-error")).ToContainTextAsync("Required.");
        await Expect(person.Locator("#languages-error")).ToHaveTextAsync("Choose at least one language.");
        await Expect(person.Locator("#skills-error")).ToHaveTextAsync("Choose at least one thing you would like to help with.");
        await Expect(person.Locator("#name")).ToHaveAttributeAsync("aria-invalid", "true");
        await CheckPageAsync(person, "join form with errors");
        await DemoServer.ScreenshotAsync(person, "agent-join-1-errors-390");

        await person.GetByLabel("Your name (shoppers see it)").FillAsync("Sara Lind");
        await person.GetByLabel("E-mail").FillAsync(email);
        await person.GetByLabel("Password").FillAsync(Password);
        await person.GetByLabel("Swedish").CheckAsync();
        await person.GetByLabel("English").CheckAsync();
        await person.GetByLabel("Payments and balances").CheckAsync();
        await person.GetByLabel("Conversations at once (1 to 3)").FillAsync("2");
        await person.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(person.Locator("[data-testid=applied]")).ToContainTextAsync($"We sent a link to {email}");
        await DemoServer.ScreenshotAsync(person, "agent-join-2-applied-390");

        // The account cannot be used before the link confirms it.
        await SignInWithPasswordAsync(person, email);
        await Expect(person.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.EndsWith("/signin", new Uri(person.Url).AbsolutePath, StringComparison.Ordinal);

        var (mail, link) = await MailingDemoServer.LinkMailedToAsync(email);
        Assert.Equal("Confirm your e-mail to become an Ombud agent", mail.Subject);
        Assert.StartsWith("/agents/confirm?user=", link, StringComparison.Ordinal);
        await person.GotoAsync(link);
        await Expect(person.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Confirm your e-mail");
        await CheckPageAsync(person, "confirm page");
        await person.GetByRole(AriaRole.Button, new() { Name = "Confirm my e-mail" }).ClickAsync();
        await Expect(person.Locator("[data-testid=confirmed]")).ToContainTextAsync("Welcome, Sara Lind");

        // Used once, the link changes nothing the second time.
        var again = await server.NewPageAsync();
        await again.GotoAsync(link);
        await again.GetByRole(AriaRole.Button, new() { Name = "Confirm my e-mail" }).ClickAsync();
        await Expect(again.Locator("[data-testid=link-invalid]")).ToBeVisibleAsync();

        await SignInWithPasswordAsync(person, email);
        await person.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/signin", StringComparison.Ordinal));
        await person.GotoAsync("/agent/console");
        await DemoServer.WaitUntilLiveAsync(person);
        await Expect(person.Locator("[data-waiting-certification]")).ToContainTextAsync("waiting for certification");
        await Expect(person.Locator("[data-waiting-certification]")).ToContainTextAsync("payments and balances");
        await DemoServer.ScreenshotAsync(person, "agent-join-3-waiting-390");

        var admin = await server.SignInAsync("admin", "/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Agent applications" }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/agents");
        await DemoServer.WaitUntilLiveAsync(admin);
        var row = admin.Locator("tr", new() { HasText = "Sara Lind" });
        await Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "confirmed");
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("Waiting for certification");

        // Certifying asks first; cancelling changes nothing.
        await row.GetByRole(AriaRole.Button, new() { Name = "Certify…" }).ClickAsync();
        var confirm = row.Locator("[data-confirm-certify]");
        await Expect(confirm).ToContainTextAsync("Certify Sara Lind in payments and balances at level 1?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "confirmed");

        await row.GetByLabel("Level").FillAsync("2");
        await row.GetByLabel("Level").BlurAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Certify…" }).ClickAsync();
        await Expect(confirm).ToContainTextAsync("Certify Sara Lind in payments and balances at level 2?");
        await DemoServer.ScreenshotAsync(admin, "agent-join-4-admin-confirms");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Yes, certify" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sara Lind is certified in payments and balances at level 2." })).ToBeVisibleAsync();
        await Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "certified");

        // Certified: the console no longer says it waits, and the agent goes online.
        await person.ReloadAsync();
        await DemoServer.WaitUntilLiveAsync(person);
        await Expect(person.Locator("[data-capacity]")).ToBeVisibleAsync();
        await Expect(person.Locator("[data-waiting-certification]")).ToHaveCountAsync(0);
        await person.Locator("#status-online").ClickAsync();
        await Expect(person.Locator("#status-online")).ToHaveAttributeAsync("aria-pressed", "true");

        var agent = Assert.Single(await server.QueryAsync(
            "SELECT a.Id FROM marketplace_agents a JOIN platform_users u ON u.Id = a.UserId WHERE u.Email = '" + email + "'"));
        Assert.Equal(["Online|Trainee"], await server.QueryAsync($"SELECT Status || '|' || Tier FROM marketplace_agents WHERE Id = '{agent}'"));
        Assert.Equal(["Payments|2|user:"], await server.QueryAsync(
            $"SELECT Skill || '|' || Level || '|' || substr(CertifiedBy, 1, 5) FROM marketplace_agent_skills WHERE AgentId = '{agent}' AND CertifiedAt IS NOT NULL"));
        Assert.Equal(["marketplace.agent-applied", "marketplace.agent-confirmed"], await server.QueryAsync(
            $"SELECT Action FROM platform_audit_log WHERE lower(Subject) = lower('agent:{agent}') AND Action LIKE 'marketplace.agent-%' ORDER BY Action"));
    }

    [Fact]
    public async Task The_admins_list_shows_the_demo_applicants_in_every_state_and_why_the_shopper_agent_is_kept_from_conversations()
    {
        var admin = await server.SignInAsync("admin", "/admin");
        await OpenWhenSeededAsync(admin);

        var maja = admin.Locator("tr", new() { HasText = "Maja Ek" });
        await Expect(maja.Locator("[data-status]")).ToHaveTextAsync("Waiting for certification");
        await Expect(maja.GetByRole(AriaRole.Button, new() { Name = "Certify…" })).ToBeEnabledAsync();

        var leo = admin.Locator("tr", new() { HasText = "Leo Sandberg" });
        await Expect(leo.Locator("[data-status]")).ToHaveTextAsync("E-mail not confirmed");
        await Expect(leo).ToContainTextAsync("Waits for the e-mail to be confirmed.");
        await Expect(leo.GetByRole(AriaRole.Button, new() { Name = "Certify…" })).ToHaveCountAsync(0);

        var shopperAgent = admin.Locator("tr", new() { HasText = "a shopper of ours" });
        await Expect(shopperAgent.Locator("[data-status]")).ToHaveTextAsync("Certified");
        await Expect(shopperAgent.Locator("[data-kept-from]")).ToContainTextAsync("Never offered their own conversations as a shopper");
        await admin.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await CheckPageAsync(admin, "admin agents");
        await DemoServer.ScreenshotAsync(admin, "admin-agents-demo-390");

        // The shopper-agent is one of the demo's sign-ins, and their console opens as a certified agent's.
        var page = await server.NewPageAsync();
        await DemoServer.SignInAsync(page, "agent", null, "shopper.agent@demo.ombud.test");
        await page.GotoAsync("/agent/console");
        await DemoServer.WaitUntilLiveAsync(page);
        await Expect(page.Locator("[data-capacity]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-waiting-certification]")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Opens /admin/agents once the demo's applicants are there: the demo agents' service plants them after the agents'
    /// pay history, in the background, and a node is ready before that is done (a visitor sees them seconds later).
    /// </summary>
    private async Task OpenWhenSeededAsync(IPage admin)
    {
        for (var attempt = 1; ; attempt++)
        {
            await admin.GotoAsync("/admin/agents");
            await DemoServer.WaitUntilLiveAsync(admin);
            if (await admin.Locator("[data-kept-from]").CountAsync() > 0)
            {
                return;
            }

            Assert.True(attempt < 36, "The demo's applicants did not appear on /admin/agents within three minutes. The server said:\n"
                + string.Join("\n", server.ServerOutput.Split('\n').Where(l => l.Contains("demo", StringComparison.OrdinalIgnoreCase)).TakeLast(20)));
            await Task.Delay(5_000);
        }
    }

    private static async Task SignInWithPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync("/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("form[action='/account/signin'] button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>The page sweep's checks on a page state the sweep cannot reach by itself (a form with errors, a link's page).</summary>
    private static async Task CheckPageAsync(IPage page, string what)
    {
        var findings = await PageChecks.AxeAsync(page);
        if (await PageChecks.HorizontalScrollAsync(page) is { } scroll)
        {
            findings.Add(scroll);
        }

        Assert.True(findings.Count == 0, $"{what}: {string.Join("\n  ", findings)}");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

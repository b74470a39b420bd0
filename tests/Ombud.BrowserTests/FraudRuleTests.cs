using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// The demo analyst drafts a rule, sees what it would have hit in the demo history before saving it, sends it for
/// approval; the demo fraud specialist, a second person, sees the same backtest and approves it, and it is live.
/// </summary>
public sealed class FraudRuleTests(DemoServer server) : IClassFixture<DemoServer>
{
    private const string Name = "Browser: big orders from busy devices";

    [Fact]
    public async Task An_analyst_drafts_a_rule_and_sees_its_backtest_and_a_second_person_approves_it()
    {
        var analyst = await server.SignInAsync("analyst", "/analyst");
        // Text typed into a page still being prerendered would be lost, and a menu click before the first page's circuit
        // is up can be overtaken by that circuit drawing the first page again: open the page and wait until it is live
        // (its buttons are enabled only then).
        await RulesPageAsync(analyst);
        await analyst.GetByLabel("Name", new() { Exact = true }).FillAsync(Name);
        await analyst.GetByLabel("Rule", new() { Exact = true }).FillAsync("order.amount > 100000 and device.other_customers_7d >= 1");
        await analyst.GetByLabel("Reason shown with decisions").FillAsync("A large order from a device other customers used this week");
        await Expect(analyst.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToBeDisabledAsync();
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Backtest on history" }).ClickAsync();
        await Expect(analyst.Locator("[data-backtest-result]")).ToContainTextAsync("labelled orders");
        await Expect(analyst.Locator("[data-backtest-precision]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(\d+\.\d %|n/a)$"));
        await DemoServer.ScreenshotAsync(analyst, "fraud-rule-backtest");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(analyst.Locator("[data-notice]")).ToContainTextAsync("as a draft");
        var row = analyst.Locator("tr", new() { HasText = Name });
        await row.GetByRole(AriaRole.Button, new() { Name = "Send for approval" }).ClickAsync();
        await Expect(analyst.Locator("[data-awaiting-rule]", new() { HasText = Name })).ToContainTextAsync("a second person approves it");

        var specialist = await server.SignInAsync("fraud-specialist", "/fraud");
        await RulesPageAsync(specialist);
        await specialist.Locator("[data-awaiting-rule]", new() { HasText = Name }).GetByRole(AriaRole.Button, new() { Name = "Backtest and decide…" }).ClickAsync();
        await Expect(specialist.GetByRole(AriaRole.Dialog).Locator("[data-backtest-result]")).ToContainTextAsync("labelled orders");
        await specialist.GetByRole(AriaRole.Button, new() { Name = "Yes, approve: it goes live" }).ClickAsync();
        await Expect(specialist.Locator("[data-notice]")).ToContainTextAsync("is live");
        await Expect(specialist.Locator("tr", new() { HasText = Name })).ToContainTextAsync("live");
        await DemoServer.ScreenshotAsync(specialist, "fraud-rule-approved");

        // The demo's running snooze is listed; the new rule is snoozed for one customer after a summary, then ended early.
        var snoozes = specialist.Locator("[data-snoozes]");
        await Expect(snoozes).ToContainTextAsync("demo-family-tablet-7f3a");
        await DemoServer.ChooseAsync(specialist, specialist.Locator("[data-snooze-rule]"), $"{Name} v1");
        var customer = specialist.GetByLabel("Customer id", new() { Exact = true });
        await customer.FillAsync("4f6d2c1e-0000-4000-8000-000000000042");
        await specialist.GetByLabel("Why", new() { Exact = true }).FillAsync("Known customer on a new phone, verified by a call");
        await Expect(customer).ToHaveValueAsync("4f6d2c1e-0000-4000-8000-000000000042");
        await specialist.GetByRole(AriaRole.Button, new() { Name = "Snooze…" }).ClickAsync();
        await Expect(specialist.Locator("[data-snooze-summary]")).ToContainTextAsync("will not check the orders of customer 4f6d2c1e-0000-4000-8000-000000000042 for 24 hours");
        await specialist.GetByRole(AriaRole.Button, new() { Name = "Yes, snooze" }).ClickAsync();
        await Expect(specialist.Locator("[data-snooze-notice]")).ToContainTextAsync("is snoozed for customer");
        var snoozed = snoozes.Locator("tr", new() { HasText = "4f6d2c1e-0000-4000-8000-000000000042" });
        await Expect(snoozed).ToContainTextAsync(Name);
        await snoozed.GetByRole(AriaRole.Button, new() { Name = "End now…" }).ClickAsync();
        await specialist.GetByRole(AriaRole.Button, new() { Name = "Yes, end it" }).ClickAsync();
        await Expect(specialist.Locator("[data-snooze-notice]")).ToContainTextAsync("again");
        await Expect(snoozed).ToHaveCountAsync(0);

        var audit = await server.QueryAsync("SELECT Action FROM platform_audit_log WHERE Action LIKE 'fraud.rule.%' AND Actor LIKE 'user:%' ORDER BY At");
        Assert.Equal(["fraud.rule.drafted", "fraud.rule.submitted", "fraud.rule.approved", "fraud.rule.snoozed", "fraud.rule.snooze-ended"], audit);
    }

    private static async Task RulesPageAsync(IPage page)
    {
        await page.GotoAsync("/fraud/rules");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Backtest on history" })).ToBeEnabledAsync(new() { Timeout = 90_000 });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

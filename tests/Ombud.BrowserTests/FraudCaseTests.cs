using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// A fraud specialist takes a planted case from the queue, decides third-party fraud after reading the summary of what
/// will happen, and books the loss as recovered from the merchant; the case closes and every step is audited.
/// </summary>
public sealed class FraudCaseTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task A_fraud_specialist_opens_a_case_decides_liability_and_books_the_recovery()
    {
        var page = await server.SignInAsync("fraud-specialist", "/fraud");
        await page.GotoAsync("/fraud/cases");
        await DemoServer.WaitUntilLiveAsync(page);
        // The demo's cases are planted in the background right after start: the ring's orders wait, open.
        var open = page.Locator("tr", new() { Has = page.Locator("[data-case-state=Open]") }).First;
        await Expect(open).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await open.Locator("[data-case-link]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/fraud/cases/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-timeline]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // A click before the case page's live connection is up is lost (the button answers nothing).
        await DemoServer.WaitUntilLiveAsync(page);

        var before = await AuditedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start investigating" }).ClickAsync();
        await Expect(page.Locator("[data-case] [data-case-state]")).ToHaveAttributeAsync("data-case-state", "Investigating", Slow);

        // Nothing chosen: the form says what is missing and decides nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide…" }).ClickAsync();
        await Expect(page.Locator("[data-problem]")).ToContainTextAsync("Choose who is liable.", Patient);
        await page.GetByText("Third-party fraud — the customer is cleared").ClickAsync();
        await page.GetByLabel("What the evidence shows (kept with the decision)").FillAsync("New device and IP, parcel to a drop address used by three other accounts.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide…" }).ClickAsync();
        await Expect(page.Locator("[data-decide-summary]")).ToContainTextAsync("is cleared of", Patient);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, decide" }).ClickAsync();
        await Expect(page.Locator("[data-case] [data-case-state]")).ToHaveAttributeAsync("data-case-state", "RecoveryPending", Slow);
        await DemoServer.ScreenshotAsync(page, "fraud-case-decided");

        var openAmount = (await page.Locator("[data-recovery-open]").InnerTextAsync()).Trim();
        await page.GetByLabel("Amount in", new() { Exact = false }).FillAsync(openAmount);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book…" }).ClickAsync();
        await Expect(page.Locator("[data-book-summary]")).ToContainTextAsync("as recovered from", Patient);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, book it" }).ClickAsync();
        await Expect(page.Locator("[data-case] [data-case-state]")).ToHaveAttributeAsync("data-case-state", "Closed", Slow);

        var after = await AuditedAsync();
        Assert.Equal(before.Count(a => a == "fraud.case-decided") + 1, after.Count(a => a == "fraud.case-decided"));
        Assert.Equal(before.Count(a => a == "fraud.recovery-booked") + 1, after.Count(a => a == "fraud.recovery-booked"));
    }

    private Task<List<string>> AuditedAsync() =>
        server.QueryAsync("SELECT Action FROM platform_audit_log WHERE Action IN ('fraud.case-decided', 'fraud.recovery-booked')");

    /// <summary>A step that waits on the circuit and the database of a loaded shared machine.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 60_000 };

    private static readonly LocatorAssertionsToContainTextOptions Patient = new() { Timeout = 60_000 };

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

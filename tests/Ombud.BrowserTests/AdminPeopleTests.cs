using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// An admin invites an analyst in the page and confirms; the one-time link, opened in a fresh browser, lets the
/// analyst choose a password and lands them on the analyst home; the admin's list then shows them active.
/// </summary>
public sealed class AdminPeopleTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task An_admin_invites_an_analyst_who_sets_a_password_with_the_link_and_lands_on_the_analyst_home()
    {
        var admin = await server.SignInAsync("admin", "/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/people");
        await Expect(admin.Locator(".mud-nav-link.active")).ToHaveTextAsync("People");

        // Nothing filled in: each field says what is missing, and nobody is invited.
        var review = admin.GetByRole(AriaRole.Button, new() { Name = "Review the invitation…" });
        await DemoServer.ClickUntilShownAsync(review, admin.GetByText("At least one of:"), 10_000);
        await Expect(admin.GetByText("Required.")).ToHaveCountAsync(2);

        await admin.GetByLabel("E-mail", new() { Exact = true }).FillAsync("nora.analyst@provider.example");
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Nora Lind");
        await admin.GetByLabel("Analyst", new() { Exact = true }).CheckAsync();
        await review.ClickAsync();
        await Expect(admin.Locator("[data-testid=invitation-summary]")).ToContainTextAsync("Nora Lind");
        await Expect(admin.Locator("[data-testid=invitation-summary]")).ToContainTextAsync("analyst");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();

        var linkField = admin.GetByLabel("Invitation link");
        await Expect(linkField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/welcome\\?user=.+&token=.+"));
        var link = await linkField.InputValueAsync();
        var row = admin.Locator("tr", new() { HasText = "nora.analyst@provider.example" });
        await Expect(row.Locator("[data-testid=person-status]")).ToHaveTextAsync("Invited");
        await DemoServer.ScreenshotAsync(admin, "admin-person-invited");

        var invitee = await server.NewPageAsync();
        await invitee.GotoAsync(link);
        await Expect(invitee.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Welcome to Ombud, Nora Lind");
        await invitee.GetByLabel("New password").FillAsync("Nora-chooses-2026");
        await invitee.GetByLabel("The same password again").FillAsync("Nora-chooses-2026");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Set my password and sign in" }).ClickAsync();
        await invitee.WaitForURLAsync("**/analyst");

        // The link has done its work: opened again, it changes nothing.
        var again = await server.NewPageAsync();
        await again.GotoAsync(link);
        await Expect(again.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This invitation link cannot be used");

        await admin.ReloadAsync();
        await Expect(admin.Locator("tr", new() { HasText = "nora.analyst@provider.example" }).Locator("[data-testid=person-status]")).ToHaveTextAsync("Active");
        var audit = await server.QueryAsync("SELECT Action FROM platform_audit_log WHERE Action IN ('user.invited', 'user.invitation-accepted') ORDER BY Action");
        Assert.Equal(["user.invitation-accepted", "user.invited"], audit);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

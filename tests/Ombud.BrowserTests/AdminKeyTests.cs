using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// An admin makes an API key in the page, the key opens the API, the admin revokes it in the page, and the API
/// refuses it from then on.
/// </summary>
public sealed class AdminKeyTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task An_admin_makes_a_key_in_the_page_uses_it_revokes_it_and_the_api_refuses_it()
    {
        var admin = await server.SignInAsync("admin", "/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/api-keys");
        // One menu entry is current, the page's own, not also the admin home above it.
        await Expect(admin.Locator(".mud-nav-link.active")).ToHaveCountAsync(1);
        await Expect(admin.Locator(".mud-nav-link.active")).ToHaveTextAsync("API keys");

        // Nothing chosen: the form says what is missing and makes nothing.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Review the key…" }).ClickAsync();
        await Expect(admin.GetByText("Required.")).ToBeVisibleAsync();
        await Expect(admin.GetByText("Choose at least one thing the key may do.")).ToBeVisibleAsync();

        await admin.GetByLabel("Who the key is for").FillAsync("browser-checkout");
        await admin.GetByLabel("Send orders and payments (ingest)").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Review the key…" }).ClickAsync();
        await Expect(admin.Locator("[data-testid=key-summary]")).ToContainTextAsync("browser-checkout");
        await Expect(admin.Locator("[data-testid=key-summary]")).ToContainTextAsync("sending orders and payments");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make the key" }).ClickAsync();

        var secretField = admin.GetByLabel("The new key");
        await Expect(secretField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^ombud_[0-9a-f]{64}$"));
        var secret = await secretField.InputValueAsync();
        await DemoServer.ScreenshotAsync(admin, "admin-key-made");

        using var api = new HttpClient { BaseAddress = new Uri(server.Url) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/customers", UriKind.Relative))).StatusCode);

        await admin.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        await Expect(admin.Locator("[data-testid=new-key]")).ToHaveCountAsync(0);
        var row = admin.Locator("tr", new() { HasText = "browser-checkout" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke browser-checkout…" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Key 'browser-checkout' is revoked.");
        await Expect(row).ToContainTextAsync("Revoked");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri("/api/v1/customers", UriKind.Relative))).StatusCode);
        var audit = await server.QueryAsync("SELECT Action FROM platform_audit_log WHERE Actor LIKE 'user:%' AND Action LIKE 'apikey.%' ORDER BY At");
        Assert.Equal(["apikey.created", "apikey.revoked"], audit);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

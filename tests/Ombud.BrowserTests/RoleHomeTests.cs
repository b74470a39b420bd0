using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ombud.Commerce.DemoWorld;

namespace Ombud.BrowserTests;

/// <summary>
/// Each role, as a person would: open the sign-in page, click that role's demo button, land on the role's home with
/// the demo world's real data on it, leave a screenshot, sign out.
/// </summary>
public sealed partial class RoleHomeTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Theory]
    [InlineData("shopper", "/shopper")]
    [InlineData("merchant", "/merchant")]
    [InlineData("agent", "/agent")]
    [InlineData("fraud-specialist", "/fraud")]
    [InlineData("analyst", "/analyst")]
    [InlineData("admin", "/admin")]
    public async Task A_demo_role_signs_in_with_one_click_and_sees_its_home_with_real_data(string role, string home)
    {
        var page = await server.NewPageAsync();
        await using var context = page.Context;
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");

        await page.GotoAsync("/signin");
        // The role's own demo account: the marketplace adds more agents (trainee, specialist, staff) of the same role.
        var demoButton = page.Locator($"button[data-demo-role='{role}'][data-demo-email='{role}@demo.ombud.test']");
        Assert.True(await demoButton.CountAsync() == 1,
            $"The sign-in page offers no demo account for {role}: is the demo world seeded?\n{await page.ContentAsync()}\n{server.ServerOutput}");

        await demoButton.ClickAsync();
        await page.WaitForURLAsync($"**{home}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();

        await CheckRealDataAsync(role, page);
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), "Blazor's error bar is showing.");
        Assert.True(await page.EvaluateAsync<bool>("() => getComputedStyle(document.querySelector('.mud-appbar')).position === 'fixed'"),
            "MudBlazor's stylesheet did not apply to the app bar.");
        await DemoServer.ScreenshotAsync(page, $"{role}-home");

        // The page is live, not only prerendered: the circuit answers a click on the menu button by closing the drawer.
        await Expect(page.Locator(".mud-drawer.mud-drawer--open")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Expect(page.Locator(".mud-drawer.mud-drawer--closed")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_sign_in_page_looks_like_the_product_and_refuses_a_wrong_password()
    {
        // The server's own page waits as generously as every other test's: a sign-in's round trip on a loaded machine
        // outlasted Playwright's 30 s default.
        var page = await server.NewPageAsync();
        await using var context = page.Context;

        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/signin?ReturnUrl=%2F");
        await page.FillAsync("#email", "shopper@demo.ombud.test");
        await page.FillAsync("#password", "not the password 1A");
        await page.ClickAsync("form[action='/account/signin'] button[type=submit]");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match an account");
        await DemoServer.ScreenshotAsync(page, "signin");
    }

    [Fact]
    public async Task A_demo_account_also_signs_in_through_the_form_with_the_password_the_page_shows()
    {
        // The server's own page waits as generously as every other test's: a sign-in's round trip on a loaded machine
        // outlasted Playwright's 30 s default.
        var page = await server.NewPageAsync();
        await using var context = page.Context;

        await page.GotoAsync("/signin");
        await Expect(page.Locator(".ombud-demo")).ToContainTextAsync(DemoAccounts.Password);
        await page.FillAsync("#email", "analyst@demo.ombud.test");
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("form[action='/account/signin'] button[type=submit]");

        await page.WaitForURLAsync("**/analyst");
        await Expect(page.Locator("h1").First).ToHaveTextAsync("Volumes and payment behaviour");
    }

    private async Task CheckRealDataAsync(string role, IPage page)
    {
        switch (role)
        {
            case "shopper":
            {
                var total = await page.Locator("[data-total]").First.InnerTextAsync();
                Assert.Matches(MoneyText(), total.Trim());
                var merchant = await page.Locator("[data-merchant]").First.GetAttributeAsync("data-merchant");
                Assert.Contains(merchant, await server.QueryAsync("SELECT Name FROM commerce_merchants"));
                await Expect(page.GetByText("Payment plans still running")).ToBeVisibleAsync();
                break;
            }

            case "merchant":
                Assert.Matches(MoneyText(), (await page.Locator("[data-total]").First.InnerTextAsync()).Trim());
                Assert.Contains(await page.Locator("h1").First.InnerTextAsync(), await server.QueryAsync("SELECT Name FROM commerce_merchants"));
                break;

            case "agent":
            {
                var customers = await server.QueryAsync("SELECT Name FROM commerce_customers");
                var shown = await page.Locator("[data-customer]").First.GetAttributeAsync("data-customer");
                Assert.Contains(shown, customers);
                break;
            }

            case "fraud-specialist":
                Assert.True(await page.Locator("[data-link]").CountAsync() > 0, "No shared device or address is shown.");
                break;

            case "analyst":
                Assert.True(await page.Locator("svg[data-chart]").CountAsync() > 0, "No chart is drawn.");
                Assert.Matches(MoneyText(), (await page.Locator("[data-stat='Order value']").InnerTextAsync()).Split('\n')[0].Trim());
                break;

            case "admin":
            {
                var shown = int.Parse((await page.Locator("[data-stat='Customers']").InnerTextAsync()).Replace(",", "", StringComparison.Ordinal),
                    CultureInfo.InvariantCulture);
                var stored = int.Parse((await server.QueryAsync("SELECT COUNT(*) FROM commerce_customers"))[0], CultureInfo.InvariantCulture);
                Assert.True(shown > 0, "The admin page counts no customers.");
                Assert.Equal(stored, shown);
                await Expect(page.GetByText("user.signed-in").First).ToBeVisibleAsync();
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(role), role, null);
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>An amount as the page writes it for Chromium's en-US: "SEK 4,224.50" (<c>Display.Money</c>).</summary>
    [GeneratedRegex(@"^-?[A-Z]{3} \d{1,3}(,\d{3})*(\.\d+)?$")]
    private static partial Regex MoneyText();
}

using System.Net;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Web;

public sealed class RoleHomeTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_shopper_sees_their_own_orders_plan_and_balance_and_nothing_of_another_customer(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var world = await WebWorld.CreateAsync(app);
        await People.CreateAsync(app, "anna@shopper.example", Roles.Shopper, customerId: world.Anna);
        using var browser = new WebSession(app);
        await browser.SignInAsync("anna@shopper.example", People.Password);

        Assert.Equal("/shopper", WebSession.Location(await browser.GetAsync("/")));
        var page = await browser.GetPageAsync("/shopper");

        Assert.Contains("Hello, Anna Svensson", page, StringComparison.Ordinal);
        Assert.Contains("Nordljud Elektronik", page, StringComparison.Ordinal);
        Assert.Contains("Wireless headphones", page, StringComparison.Ordinal);
        Assert.Contains("1,348.00 SEK", page, StringComparison.Ordinal); // 1 299.00 + 49.00 shipping
        Assert.Contains("Pay in 4", page, StringComparison.Ordinal);
        Assert.Contains("337.00 SEK", page, StringComparison.Ordinal); // each of the four instalments
        Assert.DoesNotContain("Kaffekompaniet", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Espresso machine", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Bo Berg", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/agent")]
    [InlineData("/fraud")]
    [InlineData("/analyst")]
    [InlineData("/merchant")]
    public async Task A_shopper_is_turned_away_from_the_pages_of_other_roles(string path)
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await People.CreateAsync(app, "anna@shopper.example", Roles.Shopper);
        using var browser = new WebSession(app);
        await browser.SignInAsync("anna@shopper.example", People.Password);

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/denied", WebSession.Location(response), StringComparison.Ordinal);
        Assert.Contains("This page is not for your role", await browser.GetPageAsync(WebSession.Location(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merchant_sees_its_own_orders_and_not_another_merchants()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var world = await WebWorld.CreateAsync(app);
        await People.CreateAsync(app, "staff@nordljud.example", Roles.Merchant, merchantId: world.Nordljud);
        using var browser = new WebSession(app);
        await browser.SignInAsync("staff@nordljud.example", People.Password);

        var page = await browser.GetPageAsync("/merchant");

        Assert.Contains("Nordljud Elektronik", page, StringComparison.Ordinal);
        Assert.Contains("Anna Svensson", page, StringComparison.Ordinal);
        Assert.Contains("1,348.00 SEK", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Bo Berg", page, StringComparison.Ordinal);
        Assert.DoesNotContain("4,639.00 SEK", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Staff_home_pages_show_the_orders_that_need_them(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        await WebWorld.CreateAsync(app);
        await People.CreateAsync(app, "agent@provider.example", Roles.Agent);
        await People.CreateAsync(app, "fraud@provider.example", Roles.FraudSpecialist);
        await People.CreateAsync(app, "analyst@provider.example", Roles.Analyst);
        await People.CreateAsync(app, "admin@provider.example", Roles.Admin);

        var agent = await PageAsAsync(app, "agent@provider.example", "/agent");
        Assert.Contains("Anna Svensson", agent, StringComparison.Ordinal); // parcel shipped 21 days ago, not delivered
        Assert.Contains("21 days", agent, StringComparison.Ordinal);

        var fraud = await PageAsAsync(app, "fraud@provider.example", "/fraud");
        Assert.Contains(WebWorld.SharedDevice, fraud, StringComparison.Ordinal);
        Assert.Contains("Anna Svensson (SE)", fraud, StringComparison.Ordinal);
        Assert.Contains("Bo Berg (SE)", fraud, StringComparison.Ordinal);
        Assert.Contains("Storgatan 1, 111 22 Stockholm, SE", fraud, StringComparison.Ordinal);

        var analyst = await PageAsAsync(app, "analyst@provider.example", "/analyst");
        Assert.Contains("Pay in 30 days", analyst, StringComparison.Ordinal);
        Assert.Contains("5,987.00 SEK", analyst, StringComparison.Ordinal); // both orders: 1 348.00 + 4 639.00
        Assert.Contains("data-chart=\"orders-by-market\"", analyst, StringComparison.Ordinal);
        Assert.Contains("data-chart=\"orders-over-time\"", analyst, StringComparison.Ordinal);

        var admin = await PageAsAsync(app, "admin@provider.example", "/admin");
        Assert.Equal("2", WebSession.Stat(admin, "Customers"));
        Assert.Equal("2", WebSession.Stat(admin, "Orders"));
        Assert.Contains("user.signed-in", admin, StringComparison.Ordinal);
        Assert.Contains(">ingest<", admin, StringComparison.Ordinal); // the feed's API key, by its scope
    }

    private static async Task<string> PageAsAsync(OmbudTestApp app, string email, string path)
    {
        using var browser = new WebSession(app);
        await browser.SignInAsync(email, People.Password);
        return await browser.GetPageAsync(path);
    }
}

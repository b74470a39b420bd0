using System.Net;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Web;

public sealed class SignInTests
{
    [Fact]
    public async Task An_anonymous_visit_to_the_home_page_is_sent_to_sign_in()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        using var browser = new WebSession(app);

        var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", WebSession.Location(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_and_its_styles_are_open_to_anyone()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        using var browser = new WebSession(app);

        var page = await browser.GetPageAsync("/signin");

        Assert.Contains("<form method=\"post\" action=\"/account/signin\"", page, StringComparison.Ordinal);
        Assert.Contains("_content/MudBlazor/MudBlazor.min", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/app.css")).StatusCode);
        Assert.DoesNotContain("Sign in with your organisation", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_organisation_sign_in_button_appears_once_OpenID_Connect_is_configured()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Ombud:OpenIdConnect:Authority"] = "https://login.provider.example",
            ["Ombud:OpenIdConnect:ClientId"] = "ombud",
        });
        using var browser = new WebSession(app);

        var page = await browser.GetPageAsync("/signin");

        Assert.Contains("Sign in with your organisation", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/account/signin/external\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Signing_in_with_the_right_password_lands_on_the_role_home_and_is_audited(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var user = await People.CreateAsync(app, "ana@provider.example", Roles.Analyst);
        using var browser = new WebSession(app);

        var signIn = await browser.SignInAsync("ana@provider.example", People.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", WebSession.Location(signIn));

        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/analyst", WebSession.Location(home));
        Assert.Contains("Volumes and payment behaviour", await browser.GetPageAsync("/analyst"), StringComparison.Ordinal);

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == $"user:{user.Id}").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("user.signed-in", entry.Action);
        Assert.Contains("method=password", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_sign_in_page_again_with_an_error_and_is_audited_without_the_password()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var user = await People.CreateAsync(app, "ana@provider.example", Roles.Analyst);
        using var browser = new WebSession(app);

        var signIn = await browser.SignInAsync("ana@provider.example", "not-the-password");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var again = WebSession.Location(signIn);
        Assert.StartsWith("/signin?error=invalid", again, StringComparison.Ordinal);
        Assert.Contains("That email and password do not match an account", await browser.GetPageAsync(again), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/analyst")).StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries.ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(("user.sign-in-failed", $"user:{user.Id}"), (entry.Action, entry.Subject));
        Assert.DoesNotContain("not-the-password", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_error_as_a_wrong_password()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        using var browser = new WebSession(app);

        var signIn = await browser.SignInAsync("nobody@provider.example", People.Password);

        Assert.StartsWith("/signin?error=invalid", WebSession.Location(signIn), StringComparison.Ordinal);
        var entry = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.ToListAsync()));
        Assert.Equal("user:unknown", entry.Subject);
        Assert.DoesNotContain("nobody@provider.example", entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/shopper", "/shopper")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/shopper?q=ärende ✓", "/shopper?q=%C3%A4rende%20%E2%9C%93")]
    public async Task After_sign_in_the_browser_goes_back_only_to_a_page_of_this_site(string returnUrl, string expected)
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await People.CreateAsync(app, "sam@shopper.example", Roles.Shopper);
        using var browser = new WebSession(app);

        var signIn = await browser.SignInAsync("sam@shopper.example", People.Password, returnUrl);

        Assert.Equal(expected, WebSession.Location(signIn));
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await People.CreateAsync(app, "ana@provider.example", Roles.Analyst);
        using var browser = new WebSession(app);

        var response = await browser.PostFormAsync("/account/signin",
            new Dictionary<string, string> { ["email"] = "ana@provider.example", ["password"] = People.Password }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_offers_each_demo_account_and_one_click_signs_in_as_it()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Ombud:Demo"] = "true" });
        var demo = await People.CreateAsync(app, "merchant@demo.ombud.test", Roles.Merchant, isDemo: true);
        await People.CreateAsync(app, "real@provider.example", Roles.Admin);
        using var browser = new WebSession(app);

        var page = await browser.GetPageAsync("/signin");
        Assert.Contains("Sign in as merchant", page, StringComparison.Ordinal);
        Assert.DoesNotContain("real@provider.example", page, StringComparison.Ordinal);

        var signIn = await browser.PostFormAsync("/account/signin/demo", new Dictionary<string, string> { ["userId"] = demo.Id });
        Assert.Equal("/", WebSession.Location(signIn));
        Assert.Equal("/merchant", WebSession.Location(await browser.GetAsync("/")));
    }

    [Fact]
    public async Task The_demo_button_does_not_open_an_account_that_is_not_a_demo_account()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Ombud:Demo"] = "true" });
        var admin = await People.CreateAsync(app, "real@provider.example", Roles.Admin);
        using var browser = new WebSession(app);
        await browser.GetPageAsync("/signin");

        var signIn = await browser.PostFormAsync("/account/signin/demo", new Dictionary<string, string> { ["userId"] = admin.Id });

        Assert.StartsWith("/signin?error=not-demo", WebSession.Location(signIn), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_needs_the_page_token_and_then_ends_the_session()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await People.CreateAsync(app, "ana@provider.example", Roles.Analyst);
        using var browser = new WebSession(app);
        await browser.SignInAsync("ana@provider.example", People.Password);
        await browser.GetPageAsync("/analyst");

        var forged = await browser.PostFormAsync("/signout", new Dictionary<string, string>(), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/analyst")).StatusCode);

        var signOut = await browser.PostFormAsync("/signout", new Dictionary<string, string>());
        Assert.Equal("/signin", WebSession.Location(signOut));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/analyst")).StatusCode);
    }
}

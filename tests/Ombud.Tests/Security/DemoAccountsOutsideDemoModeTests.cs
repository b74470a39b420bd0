using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce.DemoWorld;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Security;

/// <summary>Finding 1: a node started once in demo mode and again outside it keeps no door open for the demo accounts.</summary>
public sealed class DemoAccountsOutsideDemoModeTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task After_a_restart_outside_demo_mode_no_demo_account_signs_in_and_none_is_listed(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string demoAdminId;
        string sessionCookie;
        await using (var demo = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart, settings: Demo(true)))
        {
            demoAdminId = (await People.CreateAsync(demo, "admin@demo.ombud.test", Roles.Admin, isDemo: true)).Id;
            using var browser = new WebSession(demo);
            Assert.Contains(DemoAccounts.Password, await browser.GetPageAsync("/signin"), StringComparison.Ordinal);
            await browser.PostFormAsync("/account/signin/demo", new Dictionary<string, string> { ["userId"] = demoAdminId });
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);
            sessionCookie = browser.CookieHeader;
        }

        await using var real = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart, settings: Demo(false));

        // The session the demo admin opened before the restart is void.
        var server = (TestServer)real.Services.GetRequiredService<IServer>();
        using var oldSession = new HttpClient(server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", sessionCookie);
        var withOldCookie = await oldSession.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, withOldCookie.StatusCode);
        Assert.StartsWith("/signin", WebSession.Location(withOldCookie), StringComparison.Ordinal);

        using var browser2 = new WebSession(real);
        var page = await browser2.GetPageAsync("/signin");
        Assert.DoesNotContain(DemoAccounts.Password, page, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@demo.ombud.test", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/signin/demo", page, StringComparison.Ordinal);

        var oneClick = await browser2.PostFormAsync("/account/signin/demo", new Dictionary<string, string> { ["userId"] = demoAdminId });
        Assert.StartsWith("/signin?error=", WebSession.Location(oneClick), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser2.GetAsync("/admin")).StatusCode);

        var password = await browser2.SignInAsync("admin@demo.ombud.test", People.Password);
        Assert.StartsWith("/signin?error=invalid", WebSession.Location(password), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser2.GetAsync("/admin")).StatusCode);
    }

    private static Dictionary<string, string?> Demo(bool on) => new() { ["Ombud:Demo"] = on ? "true" : "false" };
}

using System.Net;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;
using Ombud.Web.Account;
using static Ombud.Tests.Platform.PeopleAdmin.PeopleDesk;

namespace Ombud.Tests.Platform.Auth;

/// <summary>
/// A cookie's session is checked against the account on every request, on every node: what revokes it holds from the
/// person's next request, what changes their rights changes them from then on, and a session that still matches its
/// account is not sealed and sent again.
/// </summary>
public sealed class SessionCheckTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_session_is_refused_at_its_next_request_once_its_stamp_changed_its_account_was_locked_or_removed(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        using var stamped = await AdminAsync(app, "stamped@provider.example");
        using var locked = await AdminAsync(app, "locked@provider.example");
        using var removed = await AdminAsync(app, "removed@provider.example");
        using var bystander = await AdminAsync(app, "bystander@provider.example");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var session in new[] { stamped, locked, removed, bystander })
        {
            Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync(Users)).StatusCode);
        }

        // "Sign out everywhere" and a password change are a new stamp; a lock set without one (Identity's own lock-out
        // does not change it) is refused all the same.
        await WithUsersAsync(app, "stamped@provider.example", (users, user) => users.UpdateSecurityStampAsync(user));
        await WithUsersAsync(app, "locked@provider.example", async (users, user) =>
        {
            await users.SetLockoutEnabledAsync(user, true);
            return await users.SetLockoutEndDateAsync(user, app.Clock.GetUtcNow().AddHours(1));
        });
        await WithUsersAsync(app, "removed@provider.example", (users, user) => users.DeleteAsync(user));
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await stamped.Http.GetAsync(Users)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await locked.Http.GetAsync(Users)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await removed.Http.GetAsync(Users)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bystander.Http.GetAsync(Users)).StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Roles_changed_without_a_new_stamp_hold_from_the_next_request_and_an_unchanged_session_is_not_sent_again(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        using var bo = await AdminAsync(app, "bo@provider.example");
        await Web.People.CreateAsync(app, "ana@provider.example", Roles.Analyst);
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var unchanged = await bo.Http.GetAsync(Users);
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.False(SetsSessionCookie(unchanged), "a session that matches its account was sealed and sent again");

        await WithUsersAsync(app, "bo@provider.example", async (users, user) =>
        {
            await users.RemoveFromRoleAsync(user, Roles.Admin);
            return await users.AddToRoleAsync(user, Roles.Analyst);
        });
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var demoted = await bo.Http.GetAsync(Users);
        Assert.Equal(HttpStatusCode.Forbidden, demoted.StatusCode);
        Assert.True(SetsSessionCookie(demoted), "the session's new roles were not sent back");
        Assert.Equal("/analyst", WebSession.Location(await bo.GetAsync("/")));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_open_page_is_signed_out_at_its_next_check_once_its_stamp_changed_its_account_was_locked_or_removed(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var emails = new[] { "stamped@provider.example", "locked@provider.example", "removed@provider.example", "bystander@provider.example" };
        var pages = new Dictionary<string, AuthenticationState>();
        foreach (var email in emails)
        {
            await Web.People.CreateAsync(app, email, Roles.Admin);
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<OmbudUser>>();
            var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<OmbudUser>>().CreateUserPrincipalAsync((await users.FindByEmailAsync(email))!);
            pages[email] = new AuthenticationState(principal);
        }

        foreach (var email in emails)
        {
            Assert.True(await StillStandsAsync(app, pages[email]), email);
        }

        await WithUsersAsync(app, "stamped@provider.example", (users, user) => users.UpdateSecurityStampAsync(user));
        await WithUsersAsync(app, "locked@provider.example", async (users, user) =>
        {
            await users.SetLockoutEnabledAsync(user, true);
            return await users.SetLockoutEndDateAsync(user, app.Clock.GetUtcNow().AddHours(1));
        });
        await WithUsersAsync(app, "removed@provider.example", (users, user) => users.DeleteAsync(user));

        Assert.False(await StillStandsAsync(app, pages["stamped@provider.example"]));
        Assert.False(await StillStandsAsync(app, pages["locked@provider.example"]));
        Assert.False(await StillStandsAsync(app, pages["removed@provider.example"]));
        Assert.True(await StillStandsAsync(app, pages["bystander@provider.example"]));
        // A lock-out that has run out admits the page again.
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await StillStandsAsync(app, pages["locked@provider.example"]));
    }

    private static async Task<bool> StillStandsAsync(OmbudTestApp app, AuthenticationState page)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var revalidation = Assert.IsType<SessionRevalidation>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        return await revalidation.StillStandsAsync(page, CancellationToken.None);
    }

    private static bool SetsSessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("ombud=", StringComparison.Ordinal));

    private static async Task WithUsersAsync(OmbudTestApp app, string email, Func<UserManager<OmbudUser>, OmbudUser, Task<IdentityResult>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OmbudUser>>();
        var user = await users.FindByEmailAsync(email);
        var result = await change(users, user!);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}

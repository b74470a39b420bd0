using System.Net;
using Microsoft.EntityFrameworkCore;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Platform.PeopleAdmin;

/// <summary><c>ombud people invite</c>: how a node outside demo mode gets its first admin.</summary>
public sealed class PeopleVerbTests
{
    [Fact]
    public async Task The_first_admin_is_invited_on_the_box_and_the_printed_link_lets_them_choose_a_password()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);

        var (exitCode, stdout, stderr) = await OmbudProcess.RunAsync(CliTests.Env(database),
            "people", "invite", "--email", "first.admin@provider.example", "--name", "First Admin", "--role", "admin");

        Assert.True(exitCode == 0, stderr);
        var link = stdout.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("/welcome?user=", link, StringComparison.Ordinal);
        await using var app = await OmbudTestApp.StartOnAsync(database, DateTimeOffset.UtcNow);
        using var browser = new WebSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await PeopleDesk.SetPasswordAsync(browser, link, "First-admin-chooses-1")).StatusCode);
        Assert.Equal("/admin", WebSession.Location(await browser.GetAsync("/")));
        Assert.Equal("cli", await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "user.invited").Select(a => a.Actor).SingleAsync()));
    }

    [Fact]
    public async Task A_role_that_cannot_be_given_exits_1_naming_the_option_and_invites_nobody()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);

        var (exitCode, _, stderr) = await OmbudProcess.RunAsync(CliTests.Env(database),
            "people", "invite", "--email", "someone@provider.example", "--name", "Someone", "--role", "shopper");

        Assert.Equal(1, exitCode);
        Assert.Contains("ombud: --role: A shopper's account comes from the customer feed", stderr, StringComparison.Ordinal);
        await using var app = await OmbudTestApp.StartOnAsync(database, DateTimeOffset.UtcNow);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;
using static Ombud.Tests.Platform.PeopleAdmin.PeopleDesk;

namespace Ombud.Tests.Platform.PeopleAdmin;

public sealed class AccessChangeTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_admin_cannot_drop_their_own_admin_role_and_the_last_admin_stays(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        using var ada = await AdminAsync(app, "ada@provider.example");
        using var bo = await AdminAsync(app, "bo@provider.example");
        var adaId = await IdOfAsync(app, "ada@provider.example");
        var boId = await IdOfAsync(app, "bo@provider.example");

        var own = await ada.Http.PutAsJsonAsync(Of($"/api/v1/admin/users/{adaId}/roles"), new { roles = new[] { Roles.Analyst } });
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("You cannot remove your own admin role", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Bo's session works until Ada takes the admin role away; the change of security stamp ends it at Bo's next
        // request, and Bo's next sign-in is an analyst's.
        Assert.Equal(HttpStatusCode.OK, (await bo.Http.GetAsync(Users)).StatusCode);
        var demoted = await ada.Http.PutAsJsonAsync(Of($"/api/v1/admin/users/{boId}/roles"), new { roles = new[] { Roles.Analyst } });
        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        Assert.Equal([Roles.Analyst], (await demoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bo.Http.GetAsync(Users)).StatusCode);
        using var boAgain = await SignedInAsync(app, "bo@provider.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await boAgain.Http.GetAsync(Users)).StatusCode);
        Assert.Equal("/analyst", WebSession.Location(await boAgain.GetAsync("/")));

        // Ada is now the only admin: not even an admin key may demote or lock her.
        var key = await app.ClientWithKeyAsync(Scopes.Admin);
        var last = await key.PutAsJsonAsync(Of($"/api/v1/admin/users/{adaId}/roles"), new { roles = new[] { Roles.Agent } });
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Contains("last admin", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await key.PostAsync(Of($"/api/v1/admin/users/{adaId}/lock"), null)).StatusCode);
        Assert.Equal("active", await StatusAsync(key, adaId, "ada@"));

        var change = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "user.roles-changed").ToListAsync()));
        Assert.Equal($"user:{boId}", change.Subject);
        Assert.Equal("before=admin; after=analyst", change.Detail);
        Assert.Equal($"user:{adaId}", change.Actor);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_locked_person_is_signed_out_and_cannot_sign_in_until_restored(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        using var admin = await AdminAsync(app, "ada@provider.example");
        await Web.People.CreateAsync(app, "ana@provider.example", Roles.Analyst);
        using var analyst = await SignedInAsync(app, "ana@provider.example");
        var id = await IdOfAsync(app, "ana@provider.example");
        await analyst.GetPageAsync("/analyst");

        var locked = await admin.Http.PostAsync(Of($"/api/v1/admin/users/{id}/lock"), null);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal("locked", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.StartsWith("/signin", WebSession.Location(await analyst.GetAsync("/analyst")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await analyst.Http.GetAsync(Users)).StatusCode);
        using var again = new WebSession(app);
        Assert.StartsWith("/signin?error=invalid", WebSession.Location(await again.SignInAsync("ana@provider.example", Web.People.Password)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsync(Of($"/api/v1/admin/users/{id}/unlock"), null)).StatusCode);
        using var restored = await SignedInAsync(app, "ana@provider.example");
        await restored.GetPageAsync("/analyst");

        var audit = await AuditAsync(app, id);
        Assert.Equal(["user.locked", "user.sign-in-failed", "user.signed-in", "user.signed-in", "user.unlocked"], audit);
        var failed = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "user.sign-in-failed"));
        Assert.Contains("reason=access revoked", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_cannot_lock_themselves_and_unknown_people_are_not_found()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        using var ada = await AdminAsync(app, "ada@provider.example");
        await Web.People.CreateAsync(app, "bo@provider.example", Roles.Admin);
        var adaId = await IdOfAsync(app, "ada@provider.example");

        var self = await ada.Http.PostAsync(Of($"/api/v1/admin/users/{adaId}/lock"), null);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("You cannot revoke your own access", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.Http.PostAsync(Of("/api/v1/admin/users/nobody/lock"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.Http.PutAsJsonAsync(Of("/api/v1/admin/users/nobody/roles"), new { roles = new[] { Roles.Agent } })).StatusCode);
        var bad = await ada.Http.PutAsJsonAsync(Of($"/api/v1/admin/users/{adaId}/roles"), new { roles = new[] { "root" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("roles", out _));
        Assert.DoesNotContain(await AuditAsync(app, adaId), a => a is "user.locked" or "user.roles-changed");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task People_are_listed_by_email_a_page_at_a_time_and_found_by_name(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var key = await app.ClientWithKeyAsync(Scopes.Admin);
        foreach (var email in new[] { "cecilia@provider.example", "adam@provider.example", "bertil@provider.example" })
        {
            await Web.People.CreateAsync(app, email, Roles.Agent);
        }

        var first = await key.GetFromJsonAsync<JsonElement>(Of("/api/v1/admin/users?limit=2"));
        var second = await key.GetFromJsonAsync<JsonElement>(Of($"/api/v1/admin/users?limit=2&cursor={first.GetProperty("nextCursor").GetString()}"));
        Assert.Equal(["adam@provider.example", "bertil@provider.example"], Emails(first));
        Assert.Equal(["cecilia@provider.example"], Emails(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(["bertil@provider.example"], Emails(await key.GetFromJsonAsync<JsonElement>(Of("/api/v1/admin/users?q=BERT"))));
        Assert.Equal(HttpStatusCode.BadRequest, (await key.GetAsync(Of("/api/v1/admin/users?cursor=nonsense"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await key.GetAsync(Of("/api/v1/admin/users?limit=0"))).StatusCode);
    }

    private static List<string> Emails(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("email").GetString()!).ToList();

    private static Task<string> IdOfAsync(OmbudTestApp app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}

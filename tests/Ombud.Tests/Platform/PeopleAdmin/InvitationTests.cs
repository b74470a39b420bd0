using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Outbox;
using Ombud.Tests.Support;
using Ombud.Tests.Web;
using static Ombud.Tests.Platform.PeopleAdmin.PeopleDesk;

namespace Ombud.Tests.Platform.PeopleAdmin;

public sealed class InvitationTests
{
    private const string NewPassword = "Welcome-to-ombud-7";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_invited_analyst_sets_a_password_once_with_the_link_and_signs_in_with_the_role(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);

        var (id, link) = await InviteAsync(admin, "kim.analyst@provider.example", Roles.Analyst);
        Assert.StartsWith("/welcome?user=", link, StringComparison.Ordinal);
        Assert.Equal("invited", await StatusAsync(admin, id, "kim.analyst"));

        using var invitee = new WebSession(app);
        var welcome = Text(await invitee.GetPageAsync(link));
        Assert.Contains("Welcome to Ombud, kim.analyst", welcome, StringComparison.Ordinal);
        var set = await SetPasswordAsync(invitee, link, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/", WebSession.Location(set));
        var home = await invitee.GetAsync("/");
        Assert.Equal("/analyst", WebSession.Location(home));
        await invitee.GetPageAsync("/analyst");
        Assert.Equal("active", await StatusAsync(admin, id, "kim.analyst"));

        // The link worked once: a second use is refused and the password stays the invitee's.
        using var stranger = new WebSession(app);
        Assert.Contains("This invitation link cannot be used", Text(await stranger.GetPageAsync(link)), StringComparison.Ordinal);
        await stranger.PostFormAsync(link, new Dictionary<string, string> { ["_handler"] = "welcome", ["Password"] = "Taken-over-account-1", ["Confirmation"] = "Taken-over-account-1" });
        Assert.Equal("/", WebSession.Location(await stranger.SignInAsync("kim.analyst@provider.example", NewPassword)));
        Assert.StartsWith("/signin?error=invalid", WebSession.Location(await new WebSession(app).SignInAsync("kim.analyst@provider.example", "Taken-over-account-1")), StringComparison.Ordinal);

        Assert.Equal(["user.invitation-accepted", "user.invited", "user.sign-in-failed", "user.signed-in", "user.signed-in"], await AuditAsync(app, id));
        var invited = Assert.Single(await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == "people.invited").ToListAsync()));
        Assert.Contains("kim.analyst@provider.example", invited.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("token", invited.Payload, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Uri.UnescapeDataString(link.Split("token=")[1]), invited.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_changes_nothing()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var (id, link) = await InviteAsync(admin, "late@provider.example", Roles.Agent);

        app.Clock.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
        using var invitee = new WebSession(app);
        Assert.Contains("This invitation link cannot be used", Text(await invitee.GetPageAsync(link)), StringComparison.Ordinal);
        var set = await invitee.PostFormAsync(link, new Dictionary<string, string> { ["_handler"] = "welcome", ["Password"] = NewPassword, ["Confirmation"] = NewPassword });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.False(await HasPasswordAsync(app, id));
        Assert.Equal("invited", await StatusAsync(admin, id, "late@"));
        Assert.Equal(["user.invited"], await AuditAsync(app, id));
    }

    [Fact]
    public async Task The_invitation_lasts_as_long_as_configured()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Ombud:People:InvitationLifetime"] = "02:00:00" });
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var (_, link) = await InviteAsync(admin, "soon@provider.example", Roles.Agent);

        app.Clock.Advance(TimeSpan.FromMinutes(119));
        using var early = new WebSession(app);
        Assert.Contains("Welcome to Ombud", Text(await early.GetPageAsync(link)), StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains("This invitation link cannot be used", Text(await early.GetPageAsync(link)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weak_or_mistyped_password_is_refused_on_its_field_and_the_link_still_works()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var (id, link) = await InviteAsync(admin, "new@provider.example", Roles.FraudSpecialist);
        using var invitee = new WebSession(app);

        var weak = await SetPasswordAsync(invitee, link, "short1A");
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("Passwords must be at least 10 characters.", Text(await weak.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var mistyped = await SetPasswordAsync(invitee, link, NewPassword, NewPassword + "x");
        Assert.Contains("Type the same password twice.", Text(await mistyped.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await HasPasswordAsync(app, id));

        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(invitee, link, NewPassword)).StatusCode);
        Assert.True(await HasPasswordAsync(app, id));
    }

    [Theory]
    [InlineData("""{"name":"Kim","roles":["analyst"]}""", "email")]
    [InlineData("""{"email":"not an address","name":"Kim","roles":["analyst"]}""", "email")]
    [InlineData("""{"email":"kim@provider.example","roles":["analyst"]}""", "name")]
    [InlineData("""{"email":"kim@provider.example","name":"Kim","roles":[]}""", "roles")]
    [InlineData("""{"email":"kim@provider.example","name":"Kim"}""", "roles")]
    [InlineData("""{"email":"kim@provider.example","name":"Kim","roles":["shopper"]}""", "roles")]
    [InlineData("""{"email":"kim@provider.example","name":"Kim","roles":["superuser"]}""", "roles")]
    [InlineData("""{"email":"kim@provider.example","name":"Kim","roles":[null]}""", "roles")]
    [InlineData("""{"email":"kim@provider.example","name":"Kim","roles":["merchant"]}""", "merchantId")]
    [InlineData("""{"email":"kim@provider.example","name":"Kim","roles":["analyst"],"merchantId":"0b4f6a52-2a8e-4e0f-9f7c-2d1e4b1c9a01"}""", "merchantId")]
    [InlineData("""{"email":"kim@provider.example","name":"Kim","roles":["merchant"],"merchantId":"0b4f6a52-2a8e-4e0f-9f7c-2d1e4b1c9a01"}""", "merchantId")]
    public async Task A_bad_invitation_is_refused_naming_the_field_and_makes_no_account(string json, string field)
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);

        var response = await admin.PostAsync(Users, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Inviting_an_email_that_has_an_account_is_a_conflict(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        await InviteAsync(admin, "twice@provider.example", Roles.Analyst);

        var again = await admin.PostAsJsonAsync(Users, new { email = "TWICE@provider.example", name = "Again", roles = new[] { Roles.Agent } });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already an account", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_merchant_user_is_invited_for_an_existing_merchant_and_sees_its_desk()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var world = await WebWorld.CreateAsync(app);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);

        var response = await admin.PostAsJsonAsync(Users, new { email = "desk@nordljud.example", name = "Desk", roles = new[] { Roles.Merchant }, merchantId = world.Nordljud });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(world.Nordljud, body.GetProperty("person").GetProperty("merchantId").GetGuid());

        using var invitee = new WebSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(invitee, new Uri(body.GetProperty("link").GetString()!).PathAndQuery, NewPassword)).StatusCode);
        Assert.Equal("/merchant", WebSession.Location(await invitee.GetAsync("/")));
        await invitee.GetPageAsync("/merchant");
    }

    [Fact]
    public async Task An_invited_agent_is_a_staff_agent_whose_console_opens()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var (id, link) = await InviteAsync(admin, "agnes@provider.example", Roles.Agent);

        // Test hosts deliver events when told to; a serving node does it in the background.
        Assert.True(await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(null, default) > 0);
        Assert.True(await app.WithDbAsync(db => db.Set<Ombud.Marketplace.Agent>().AnyAsync(a => a.UserId == id && a.Tier == Ombud.Marketplace.AgentTier.Staff)));
        using var invitee = new WebSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(invitee, link, NewPassword)).StatusCode);
        var console = Text(await invitee.GetPageAsync("/agent/console"));
        Assert.DoesNotContain("not registered", console, StringComparison.OrdinalIgnoreCase);
        Assert.True(await app.WithDbAsync(db => db.Set<Ombud.Platform.Audit.AuditEntry>().AnyAsync(a => a.Action == "marketplace.agent-registered")));
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace;
using Ombud.Platform.Auth;
using Ombud.Tests.Platform.Mail;
using Ombud.Tests.Support;
using Ombud.Tests.Web;
using static Ombud.Tests.Marketplace.Agents.SignUpDesk;

namespace Ombud.Tests.Marketplace.Agents;

/// <summary>
/// Someone signs up as an agent: an account that cannot sign in until the e-mailed link (sent to the real SMTP server)
/// confirms it, then an agent at tier trainee whose skills wait for an admin's certification.
/// </summary>
public sealed class AgentSignUpTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_sign_up_signs_in_only_after_the_emailed_link_confirms_it_and_waits_for_certification(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: TestSmtp.Settings());
        var applied = await JsonAsync(await ApplyAsync(app.Client(), Application("sara.lind@example.se")), HttpStatusCode.Created);
        Assert.Equal("unconfirmed", applied.GetProperty("status").GetString());
        var (userId, token, _) = await ConfirmationLinkAsync(app, "sara.lind@example.se");

        // Not yet: the right password is told "confirm first", a wrong one only "no match", so nobody learns who signed up.
        using var early = new WebSession(app);
        Assert.Equal("/signin?error=not-allowed", WebSession.Location(await early.SignInAsync("sara.lind@example.se", Password)));
        Assert.Equal("/signin?error=invalid", WebSession.Location(await early.SignInAsync("sara.lind@example.se", "Wrong-password-123")));

        var confirm = await app.Client().PostAsJsonAsync("/api/v1/agents/applications/confirmation", new { userId, token });
        Assert.Equal("confirmed", (await JsonAsync(confirm, HttpStatusCode.OK)).GetProperty("status").GetString());
        var again = await app.Client().PostAsJsonAsync("/api/v1/agents/applications/confirmation", new { userId, token });
        Assert.Equal("token", await ProblemFieldAsync(again));

        using var sara = new WebSession(app);
        Assert.Equal("/", WebSession.Location(await sara.SignInAsync("sara.lind@example.se", Password)));
        Assert.Equal(HttpStatusCode.OK, (await sara.GetAsync("/api/v1/agent/offers")).StatusCode);

        var agent = await app.WithDbAsync(db => db.Set<Agent>().AsNoTracking().SingleAsync(a => a.UserId == userId));
        var skills = await app.WithDbAsync(db => db.Set<AgentSkill>().AsNoTracking().Where(s => s.AgentId == agent.Id).ToListAsync());
        Assert.Equal((AgentTier.Trainee, 2, null, "Sara Lind"), (agent.Tier, agent.MaxConversations, agent.OwnCustomerId, agent.DisplayName));
        Assert.Equal(["en", "sv"], agent.Languages.Order());
        Assert.Equal([Skill.Payments, Skill.Returns], skills.Select(s => s.Skill).Order());
        Assert.All(skills, s => Assert.False(s.IsCertified));
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Subject == $"agent:{agent.Id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["marketplace.agent-applied", "marketplace.agent-confirmed"], audited.Order(StringComparer.Ordinal));

        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var listed = await JsonAsync(await admin.GetAsync("/api/v1/admin/agents/applications"), HttpStatusCode.OK);
        var row = Assert.Single(listed.EnumerateArray(), a => a.GetProperty("agentId").GetGuid() == agent.Id);
        Assert.Equal(("confirmed", 0), (row.GetProperty("status").GetString(), row.GetProperty("keptFromCustomers").GetInt32()));
        await admin.PostAsJsonAsync($"/api/v1/admin/agents/{agent.Id}/skills/payments/certification", new { level = 2 });
        listed = await JsonAsync(await admin.GetAsync("/api/v1/admin/agents/applications"), HttpStatusCode.OK);
        Assert.Equal("certified", Assert.Single(listed.EnumerateArray(), a => a.GetProperty("agentId").GetGuid() == agent.Id).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_same_email_twice_is_refused_and_makes_no_second_account(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: TestSmtp.Settings());
        await People.CreateAsync(app, "anna.shopper@example.se", Roles.Shopper);
        await JsonAsync(await ApplyAsync(app.Client(), Application("sara.lind@example.se")), HttpStatusCode.Created);

        var twice = await ApplyAsync(app.Client(), Application("SARA.LIND@example.se", "Another Sara"));
        var shopper = await ApplyAsync(app.Client(), Application("anna.shopper@example.se"));

        Assert.Contains("already an account with this e-mail", (await JsonAsync(twice, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, shopper.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Agent>().CountAsync()));
    }

    [Theory]
    [InlineData("""{"email":"a@example.se","password":"Answering-shoppers-4","languages":["sv"],"skills":["payments"],"maxConversations":1}""", "name")]
    [InlineData("""{"name":"A","email":"not an address","password":"Answering-shoppers-4","languages":["sv"],"skills":["payments"],"maxConversations":1}""", "email")]
    [InlineData("""{"name":"A","email":"a@example.se","password":"short1A","languages":["sv"],"skills":["payments"],"maxConversations":1}""", "password")]
    [InlineData("""{"name":"A","email":"a@example.se","languages":["sv"],"skills":["payments"],"maxConversations":1}""", "password")]
    [InlineData("""{"name":"A","email":"a@example.se","password":"Answering-shoppers-4","languages":["swedish"],"skills":["payments"],"maxConversations":1}""", "languages")]
    [InlineData("""{"name":"A","email":"a@example.se","password":"Answering-shoppers-4","languages":[],"skills":["payments"],"maxConversations":1}""", "languages")]
    [InlineData("""{"name":"A","email":"a@example.se","password":"Answering-shoppers-4","languages":["sv"],"skills":["juggling"],"maxConversations":1}""", "skills")]
    [InlineData("""{"name":"A","email":"a@example.se","password":"Answering-shoppers-4","languages":["sv"],"skills":[null],"maxConversations":1}""", "skills")]
    [InlineData("""{"name":"A","email":"a@example.se","password":"Answering-shoppers-4","languages":["sv"],"skills":["payments"],"maxConversations":4}""", "maxConversations")]
    [InlineData("""{"name":"A","email":"a@example.se","password":"Answering-shoppers-4","languages":["sv"],"skills":["payments"]}""", "maxConversations")]
    public async Task A_bad_sign_up_is_refused_naming_the_field_and_makes_nothing(string json, string field)
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: TestSmtp.Settings());

        var response = await app.Client().PostAsync("/api/v1/agents/applications", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(field, await ProblemFieldAsync(response));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Agent>().CountAsync()));
    }

    [Fact]
    public async Task An_expired_or_altered_link_changes_nothing()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: TestSmtp.Settings());
        await JsonAsync(await ApplyAsync(app.Client(), Application("late@example.se")), HttpStatusCode.Created);
        var (userId, token, _) = await ConfirmationLinkAsync(app, "late@example.se");

        var altered = await app.Client().PostAsJsonAsync("/api/v1/agents/applications/confirmation", new { userId, token = token[..^4] + "AAAA" });
        app.Clock.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
        var expired = await app.Client().PostAsJsonAsync("/api/v1/agents/applications/confirmation", new { userId, token });
        var missing = await app.Client().PostAsJsonAsync("/api/v1/agents/applications/confirmation", new { token });

        Assert.Equal("token", await ProblemFieldAsync(altered));
        Assert.Equal("token", await ProblemFieldAsync(expired));
        Assert.Equal("userId", await ProblemFieldAsync(missing));
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.EmailConfirmed).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.UserRoles.CountAsync()));
        Assert.Equal("/signin?error=not-allowed", WebSession.Location(await new WebSession(app).SignInAsync("late@example.se", Password)));
    }

    [Fact]
    public async Task Without_an_smtp_server_nobody_can_sign_up_and_nothing_is_made()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);

        var response = await ApplyAsync(app.Client(), Application("sara.lind@example.se"));

        Assert.Contains("cannot e-mail the confirmation link", (await JsonAsync(response, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Sign_ups_from_one_address_are_rate_limited()
    {
        var settings = TestSmtp.Settings();
        settings["Ombud:RateLimits:SignUpPerAddress"] = "2";
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: settings);

        var first = await ApplyAsync(app.Client(), Application("one@example.se"));
        var second = await ApplyAsync(app.Client(), Application("two@example.se"));
        var third = await ApplyAsync(app.Client(), Application("three@example.se"));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], [first.StatusCode, second.StatusCode, third.StatusCode]);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Agent>().CountAsync()));
    }
    [Fact]
    public async Task The_join_and_confirm_pages_sign_someone_up_and_the_sign_in_page_links_to_them()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: TestSmtp.Settings());
        using var browser = new WebSession(app);
        Assert.Contains("/agents/join", await browser.GetPageAsync("/signin"), StringComparison.Ordinal);

        await browser.GetPageAsync("/agents/join");
        var weak = await browser.PostFormAsync("/agents/join", Form("Short1"));
        Assert.Contains("Passwords must be at least 10 characters.", PeopleAdmin(await weak.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var joined = await browser.PostFormAsync("/agents/join", Form(Password));
        Assert.Contains("We sent a link to maja@example.se", PeopleAdmin(await joined.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var (_, _, link) = await ConfirmationLinkAsync(app, "maja@example.se");
        Assert.Contains("Confirm my e-mail", PeopleAdmin(await browser.GetPageAsync(link)), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.Select(u => u.EmailConfirmed).SingleAsync())); // opening the link changes nothing
        var confirmed = await browser.PostFormAsync(link, new Dictionary<string, string> { ["_handler"] = "confirm" });
        Assert.Contains("Your e-mail is confirmed", PeopleAdmin(await confirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var used = await browser.PostFormAsync(link, new Dictionary<string, string> { ["_handler"] = "confirm" });
        Assert.Contains("This link cannot be used", PeopleAdmin(await used.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal("/", WebSession.Location(await new WebSession(app).SignInAsync("maja@example.se", Password)));
    }

    private static Dictionary<string, string> Form(string password) => new()
    {
        ["_handler"] = "join", ["Name"] = "Maja Berg", ["Email"] = "maja@example.se", ["Password"] = password, ["Language"] = "sv",
        ["Skill"] = "returns", ["MaxConversations"] = "1",
    };

    private static string PeopleAdmin(string html) => Ombud.Tests.Platform.PeopleAdmin.PeopleDesk.Text(html);
}

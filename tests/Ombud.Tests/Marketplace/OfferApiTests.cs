using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Marketplace;

/// <summary>The agent's offers over HTTP: their own only, accepted or rejected once, expired ones refused; certification by admins.</summary>
public sealed class OfferApiTests
{
    private const string Offers = "/api/v1/agent/offers";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agent_sees_and_accepts_their_own_offer_and_nobody_elses(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var maja = await desk.AgentAsync("Maja", (Skill.Payments, 5));
        var olle = await desk.AgentAsync("Olle", (Skill.Returns, 5));
        var conversation = await desk.HandOffAsync(await desk.CustomerAsync());
        var asMaja = await desk.SignInAsync(maja);
        var asOlle = await desk.SignInAsync(olle);

        var mine = await asMaja.GetFromJsonAsync<JsonElement>(Offers);
        var theirs = await asOlle.GetFromJsonAsync<JsonElement>(Offers);
        var offer = mine[0].GetProperty("id").GetGuid();
        var stolen = await asOlle.PostAsync($"{Offers}/{offer}/accept", null);
        var accepted = await asMaja.PostAsync($"{Offers}/{offer}/accept", null);
        var again = await asMaja.PostAsync($"{Offers}/{offer}/accept", null);
        var rejectedAfter = await asMaja.PostAsync($"{Offers}/{offer}/reject", null);

        Assert.Equal(1, mine.GetArrayLength());
        Assert.Equal("payments", mine[0].GetProperty("skill").GetString());
        Assert.Equal(20, mine[0].GetProperty("secondsLeft").GetInt32());
        Assert.Equal(JsonValueKind.Null, mine[0].GetProperty("conversationId").ValueKind);
        Assert.Equal(0, theirs.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("accepted", conversation), (body.GetProperty("status").GetString(), body.GetProperty("conversationId").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, rejectedAfter.StatusCode);
        Assert.Contains("already accepted", (await rejectedAfter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "marketplace.offer-accepted" && e.Actor == $"user:{maja.UserId}").ToListAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_offer_answered_after_its_countdown_is_refused_with_409_and_a_shopper_is_no_agent(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var maja = await desk.AgentAsync("Maja", (Skill.Payments, 5));
        await desk.HandOffAsync(await desk.CustomerAsync());
        var offer = await desk.PendingOfferAsync();
        var asMaja = await desk.SignInAsync(maja);
        await People.CreateAsync(app, "anna@shopper.example", Roles.Shopper);
        var asShopper = new WebSession(app);
        await asShopper.SignInAsync("anna@shopper.example", People.Password);

        app.Clock.Advance(TimeSpan.FromSeconds(21));
        var late = await asMaja.PostAsync($"{Offers}/{offer.Id}/accept", null);
        var shopper = await asShopper.Http.GetAsync(Offers);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("expired", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, shopper.StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Only_an_admin_certifies_a_skill_and_bad_input_names_the_field(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var agent = await desk.AgentAsync("Maja", AgentTier.Trainee, 1, certified: false, online: false, ["sv"], null, (Skill.Disputes, 2));
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var asAgent = await desk.SignInAsync(agent);
        var url = $"/api/v1/admin/agents/{agent.Id}/skills";

        var self = await asAgent.PostAsJsonAsync($"{url}/disputes/certification", new { level = 5 });
        var unknownSkill = await admin.PostAsJsonAsync($"{url}/haggling/certification", new { level = 3 });
        var noLevel = await admin.PostAsJsonAsync($"{url}/disputes/certification", new { });
        var tooHigh = await admin.PostAsJsonAsync($"{url}/disputes/certification", new { level = 6 });
        var unknownAgent = await admin.PostAsJsonAsync($"/api/v1/admin/agents/{Guid.NewGuid()}/skills/disputes/certification", new { level = 3 });
        var certified = await admin.PostAsJsonAsync($"{url}/fraud-first-response/certification", new { level = 3 });

        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal("skill", await BadFieldAsync(unknownSkill));
        Assert.Equal("level", await BadFieldAsync(noLevel));
        Assert.Equal("level", await BadFieldAsync(tooHigh));
        Assert.Equal(HttpStatusCode.NotFound, unknownAgent.StatusCode);
        Assert.Equal(HttpStatusCode.Created, certified.StatusCode);
        var skill = await app.WithDbAsync(db => db.Set<AgentSkill>().AsNoTracking().SingleAsync(s => s.AgentId == agent.Id && s.Skill == Skill.FraudFirstResponse));
        Assert.Equal(3, skill.Level);
        Assert.StartsWith("apikey:", skill.CertifiedBy, StringComparison.Ordinal);
        Assert.Single(await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "marketplace.skill-certified" && e.Subject == $"agent:{agent.Id}").ToListAsync()));
    }

    private static async Task<string> BadFieldAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name;
    }
}

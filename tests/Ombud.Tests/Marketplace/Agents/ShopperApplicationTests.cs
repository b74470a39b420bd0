using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;
using Ombud.Tests.Web;
using static Ombud.Tests.Marketplace.Agents.SignUpDesk;

namespace Ombud.Tests.Marketplace.Agents;

/// <summary>
/// A shopper in good standing becomes an agent from their own account, linked to it; one with an overdue instalment or
/// an open fraud case is refused with the reason, and nothing changes.
/// </summary>
public sealed class ShopperApplicationTests
{
    private static readonly object Offer = new { languages = new[] { "sv" }, skills = new[] { "returns" }, maxConversations = 1 };

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_shopper_in_good_standing_becomes_a_trainee_agent_linked_to_their_account(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (_, customer, _) = await ShopperWithOrderAsync(app);
        var anna = await ShopperAsync(app, "anna@shop.example", customer);

        var applied = await JsonAsync(await anna.Http.PostAsJsonAsync("/api/v1/agents/me/application", Offer), HttpStatusCode.Created);
        var twice = await anna.Http.PostAsJsonAsync("/api/v1/agents/me/application", Offer);

        Assert.Equal(("confirmed", true), (applied.GetProperty("status").GetString(), applied.GetProperty("linkedToShopper").GetBoolean()));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var agent = await app.WithDbAsync(db => db.Set<Agent>().AsNoTracking().SingleAsync());
        Assert.Equal((customer, AgentTier.Trainee, "anna"), (agent.OwnCustomerId, agent.Tier, agent.DisplayName));
        Assert.False(Assert.Single(await app.WithDbAsync(db => db.Set<AgentSkill>().AsNoTracking().ToListAsync())).IsCertified);
        app.Clock.Advance(TimeSpan.FromSeconds(1)); // the session is read again when time has passed since (the test clock stands still)
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync("/api/v1/agent/offers")).StatusCode); // the agent role holds from then on

        // Admins see why dispatch passes her by for one customer: her own account.
        var listed = await JsonAsync(await (await app.ClientWithKeyAsync(Scopes.Admin)).GetAsync("/api/v1/admin/agents/applications"), HttpStatusCode.OK);
        Assert.Equal(1, Assert.Single(listed.EnumerateArray()).GetProperty("keptFromCustomers").GetInt32());
    }

    [Fact]
    public async Task A_shopper_with_an_overdue_instalment_or_an_open_fraud_case_is_refused_with_the_reasons()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var (_, late, _) = await ShopperWithOrderAsync(app);
        var (_, suspect, order) = await ShopperWithOrderAsync(app);
        var specialist = await ShopperAsync(app, "fiona@provider.example", null, Roles.FraudSpecialist);
        await JsonAsync(await specialist.Http.PostAsJsonAsync("/api/v1/fraud/cases", new { orderId = order, summary = "Card testing pattern." }), HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromDays(20)); // the second instalment (day 14) is unpaid; the suspect's too
        var lateShopper = await ShopperAsync(app, "late@shop.example", late);
        var suspectShopper = await ShopperAsync(app, "suspect@shop.example", suspect);

        var lateAnswer = await JsonAsync(await lateShopper.Http.PostAsJsonAsync("/api/v1/agents/me/application", Offer), HttpStatusCode.Conflict);
        var suspectAnswer = await JsonAsync(await suspectShopper.Http.PostAsJsonAsync("/api/v1/agents/me/application", Offer), HttpStatusCode.Conflict);

        Assert.Contains("unpaid past the due date", lateAnswer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("fraud", lateAnswer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("A fraud case about your account is still open.", suspectAnswer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Agent>().CountAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await lateShopper.GetAsync("/api/v1/agent/offers")).StatusCode);
    }

    [Fact]
    public async Task Only_a_shopper_may_apply_from_their_account_and_bad_input_names_the_field()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var (_, customer, _) = await ShopperWithOrderAsync(app);
        var anna = await ShopperAsync(app, "anna@shop.example", customer);
        var analyst = await ShopperAsync(app, "ana@provider.example", null, Roles.Analyst);

        var notShopper = await analyst.Http.PostAsJsonAsync("/api/v1/agents/me/application", Offer);
        var anonymous = await app.Client().PostAsJsonAsync("/api/v1/agents/me/application", Offer);
        var tooMany = await anna.Http.PostAsJsonAsync("/api/v1/agents/me/application", new { languages = new[] { "sv" }, skills = new[] { "returns" }, maxConversations = 9 });

        Assert.Equal(HttpStatusCode.Forbidden, notShopper.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("maxConversations", await ProblemFieldAsync(tooMany));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Agent>().CountAsync()));
    }

    private static async Task<(Feed Feed, Guid Customer, Guid Order)> ShopperWithOrderAsync(OmbudTestApp app)
    {
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        return (feed, customer, await feed.CreateAsync("orders", Feed.Order(customer, merchant)));
    }

    private static async Task<WebSession> ShopperAsync(OmbudTestApp app, string email, Guid? customer, string role = Roles.Shopper)
    {
        await People.CreateAsync(app, email, role, customer);
        var session = new WebSession(app);
        Assert.Equal("/", WebSession.Location(await session.SignInAsync(email, People.Password)));
        return session;
    }
}

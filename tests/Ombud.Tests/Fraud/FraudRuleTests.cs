using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce.DemoWorld;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Fraud;

/// <summary>
/// An analyst drafts a rule, backtests it, sends it for approval; a second person approves it and it decides orders
/// beside the model; it can be snoozed for a customer and disabled. Nobody approves their own rule.
/// </summary>
public sealed class FraudRuleTests
{
    private const string Rules = "/api/v1/fraud/rules";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_rule_goes_live_only_with_a_second_persons_approval_and_then_decides_orders_until_snoozed_or_disabled(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var bigFraud = await feed.CreateAsync("orders", Feed.Order(customer, merchant, unitPrice: 900_000));
        var small = await feed.CreateAsync("orders", Feed.Order(customer, merchant, unitPrice: 10_000));
        await app.WithDbAsync(async db =>
        {
            db.Add(new DemoLabel(Guid.NewGuid(), bigFraud, customer, DemoLabelKind.StolenIdentity, null));
            db.Add(new DemoLabel(Guid.NewGuid(), small, customer, DemoLabelKind.NotDelivered, null));
            return await db.SaveChangesAsync();
        });
        await DeliverAsync(app);
        var analyst = await PersonAsync(app, "analyst@example.se", Roles.Analyst);
        var specialist = await PersonAsync(app, "fraud@example.se", Roles.FraudSpecialist);

        var unparsed = await analyst.PostAsJsonAsync(Rules, Draft("order.amont > 500000"));
        var backtest = await analyst.PostAsJsonAsync($"{Rules}/backtest", new { expression = "order.amount > 500000" });
        var drafted = await Json(await analyst.PostAsJsonAsync(Rules, Draft("order.amount > 500000")), HttpStatusCode.Created);
        var id = drafted.GetProperty("id").GetGuid();
        var submitted = await Json(await analyst.PostAsync($"{Rules}/{id}/submission", null), HttpStatusCode.OK);
        var selfApproval = await analyst.PostAsJsonAsync($"{Rules}/{id}/approval", new { note = "mine" });
        var approved = await Json(await specialist.PostAsJsonAsync($"{Rules}/{id}/approval", new { note = "Backtest looks right" }), HttpStatusCode.OK);

        var error = await Json(unparsed, HttpStatusCode.BadRequest);
        Assert.StartsWith("1:1: unknown name 'order.amont'", error.GetProperty("errors").GetProperty("expression")[0].GetString(), StringComparison.Ordinal);
        var impact = await Json(backtest, HttpStatusCode.OK);
        Assert.Equal((2, 1, 1, 1.0), (impact.GetProperty("orders").GetInt32(), impact.GetProperty("hits").GetInt32(),
            impact.GetProperty("fraudCaught").GetInt32(), impact.GetProperty("precision").GetDouble()));
        Assert.Equal(904_900, impact.GetProperty("money")[0].GetProperty("fraudCaughtMinor").GetInt64());
        Assert.Equal((1, "draft"), (drafted.GetProperty("version").GetInt32(), drafted.GetProperty("status").GetString()));
        Assert.Equal("awaitingApproval", submitted.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Equal(("live", "Backtest looks right"), (approved.GetProperty("status").GetString(), approved.GetProperty("decisionNote").GetString()));

        var declined = await PlaceAndDecideAsync(app, feed, customer, merchant, 900_000);
        var approvedSmall = await PlaceAndDecideAsync(app, feed, customer, merchant, 10_000);
        Assert.Equal(RiskOutcome.Decline, declined.Outcome);
        Assert.Equal(new RiskReason("rule:Large orders", "A large order like those of the recent stolen identities"), declined.Reasons[0]);
        Assert.DoesNotContain(approvedSmall.Reasons, r => r.Code.StartsWith("rule:", StringComparison.Ordinal));

        var snoozed = await specialist.PostAsJsonAsync($"{Rules}/{id}/snoozes", new { subject = "customer", key = customer.ToString(), hours = 24, reason = "Known customer, verified by phone" });
        Assert.Equal(HttpStatusCode.OK, snoozed.StatusCode);
        var spared = await PlaceAndDecideAsync(app, feed, customer, merchant, 900_000);
        Assert.DoesNotContain(spared.Reasons, r => r.Code.StartsWith("rule:", StringComparison.Ordinal));

        // The running snoozes list it; ended early, the rule decides the customer's next order again.
        var running = Assert.Single((await Json(await analyst.GetAsync($"{Rules}/snoozes"), HttpStatusCode.OK)).EnumerateArray());
        var snoozeId = running.GetProperty("id").GetGuid();
        Assert.Equal(("Large orders", "customer", customer.ToString()),
            (running.GetProperty("ruleName").GetString(), running.GetProperty("subject").GetString(), running.GetProperty("key").GetString()));
        var ended = await Json(await specialist.PostAsync($"{Rules}/snoozes/{snoozeId}/end", null), HttpStatusCode.OK);
        Assert.True(ended.GetProperty("until").GetDateTime() <= app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PostAsync($"{Rules}/snoozes/{snoozeId}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await specialist.PostAsync($"{Rules}/snoozes/{Guid.NewGuid()}/end", null)).StatusCode);
        Assert.Empty((await Json(await analyst.GetAsync($"{Rules}/snoozes"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(RiskOutcome.Decline, (await PlaceAndDecideAsync(app, feed, customer, merchant, 900_000)).Outcome);

        var disabled = await Json(await specialist.PostAsync($"{Rules}/{id}/disabling", null), HttpStatusCode.OK);
        var again = await specialist.PostAsync($"{Rules}/{id}/disabling", null);
        var nextVersion = await Json(await specialist.PostAsJsonAsync(Rules, Draft("order.amount > 800000") with { RuleId = drafted.GetProperty("ruleId").GetGuid() }),
            HttpStatusCode.Created);
        Assert.Equal("disabled", disabled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(2, nextVersion.GetProperty("version").GetInt32());

        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("fraud.rule.")).Select(a => a.Action).ToListAsync());
        Assert.Equal(
            new[] { "fraud.rule.approved", "fraud.rule.disabled", "fraud.rule.drafted", "fraud.rule.self-approval-refused", "fraud.rule.snooze-ended", "fraud.rule.snoozed",
                "fraud.rule.submitted" },
            audited.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rules_are_for_fraud_staff_and_bad_input_is_told_by_field_never_a_server_error()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var agent = await PersonAsync(app, "agent@example.se", Roles.Agent);
        var analyst = await PersonAsync(app, "analyst@example.se", Roles.Analyst);

        var asAgent = await agent.GetAsync(Rules);
        var asKey = await (await app.ClientWithKeyAsync(Scopes.Admin)).GetAsync(Rules);
        var noAction = await analyst.PostAsJsonAsync(Rules, new { name = "x", expression = "true", reason = "r" });
        var badPeriod = await analyst.PostAsJsonAsync($"{Rules}/backtest", new { expression = "true", from = "2026-02-01T00:00:00Z", to = "2026-01-01T00:00:00Z" });
        var tooDeep = await analyst.PostAsJsonAsync($"{Rules}/backtest", new { expression = new string('(', 40) + "true" + new string(')', 40) });
        var unknownRule = await analyst.PostAsJsonAsync(Rules, Draft("true") with { RuleId = Guid.NewGuid() });
        var emptyHistory = await Json(await analyst.PostAsJsonAsync($"{Rules}/backtest", new { expression = "true" }), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asKey.StatusCode);
        Assert.True((await Json(noAction, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("action", out _));
        Assert.True((await Json(badPeriod, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("to", out _));
        Assert.StartsWith("1:17: the rule nests deeper", (await Json(tooDeep, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("expression")[0].GetString(),
            StringComparison.Ordinal);
        Assert.True((await Json(unknownRule, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("ruleId", out _));
        Assert.Equal(0, emptyHistory.GetProperty("orders").GetInt32());
    }

    private static DraftBody Draft(string expression) =>
        new(null, "Large orders", expression, "decline", "A large order like those of the recent stolen identities");

    private sealed record DraftBody(Guid? RuleId, string Name, string Expression, string Action, string Reason);

    private static async Task<FraudDecision> PlaceAndDecideAsync(OmbudTestApp app, Feed feed, Guid customer, Guid merchant, long unitPrice)
    {
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant, unitPrice: unitPrice));
        await DeliverAsync(app);
        return await app.WithDbAsync(db => db.Set<FraudDecision>().AsNoTracking().SingleAsync(d => d.OrderId == order));
    }

    /// <summary>A signed-in browser session of a new staff member with <paramref name="role"/>.</summary>
    internal static async Task<HttpClient> PersonAsync(OmbudTestApp app, string email, string role)
    {
        await People.CreateAsync(app, email, role);
        var session = new WebSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, People.Password)).StatusCode);
        await session.SendPageTokenAsync();
        return session.Http;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task DeliverAsync(OmbudTestApp app)
    {
        var dispatch = app.Services.GetRequiredService<EventDispatch>();
        while (await dispatch.RunOnceAsync(null, default) > 0)
        {
        }
    }
}

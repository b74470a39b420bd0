using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Fraud.Contracts;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Outbox;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Fraud;

/// <summary>Every placed order gets a risk decision, stored and announced; staff systems can ask for one with a risk key.</summary>
public sealed class RiskDecisionTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_placed_order_is_decided_once_stored_with_its_reasons_and_announced(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var complete = await feed.CreateAsync("orders", Feed.Order(customer, merchant));
        var bare = Feed.Order(customer, merchant);
        bare.Remove("deviceFingerprint");
        bare.Remove("ipAddress");
        var withoutDevice = await feed.CreateAsync("orders", bare);

        await DeliverAsync(app);
        await DeliverAsync(app);

        var decisions = await app.WithDbAsync(db => db.Set<FraudDecision>().AsNoTracking().ToListAsync());
        Assert.Equal(2, decisions.Count);
        var first = Assert.Single(decisions, d => d.OrderId == complete);
        Assert.Equal((RiskTrigger.OrderPlaced, customer, "rules only"), (first.Trigger, first.CustomerId, first.Basis));
        Assert.Equal(RiskOutcome.Approve, first.Outcome);
        var second = Assert.Single(decisions, d => d.OrderId == withoutDevice);
        var reason = Assert.Single(second.Reasons, r => r.Code == "insufficient_data");
        Assert.Contains("device", reason.Text, StringComparison.Ordinal);
        Assert.Contains("IP address", reason.Text, StringComparison.Ordinal);

        var announced = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == RiskDecided.Type).ToListAsync());
        Assert.Equal(2, announced.Count);
        Assert.Contains(announced, m => m.Payload.Contains(withoutDevice.ToString(), StringComparison.Ordinal));
        // Only a review is work for the case subscriber: the approval's event is stored but gets no delivery.
        var delivered = await app.WithDbAsync(db => db.Set<EventDelivery>().AsNoTracking().Where(d => d.EventType == RiskDecided.Type).Select(d => d.EventId).ToListAsync());
        Assert.DoesNotContain(announced.Single(m => m.Payload.Contains(complete.ToString(), StringComparison.Ordinal)).Id, delivered);
        Assert.Equal(decisions.Count(d => d.Outcome == RiskOutcome.Review), delivered.Count);
    }

    [Fact]
    public async Task A_risk_key_gets_a_decision_on_demand_and_bad_input_or_a_key_without_the_scope_is_refused()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var ingest = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await ingest.CustomerAndMerchantAsync();
        var order = await ingest.CreateAsync("orders", Feed.Order(customer, merchant));
        var risk = new Feed(await app.ClientWithKeyAsync(Scopes.Risk));

        var withoutScope = await ingest.PostAsync("risk/score", new JsonObject { ["orderId"] = order });
        var anonymous = await new Feed(app.Client()).PostAsync("risk/score", new JsonObject { ["orderId"] = order });
        var missing = await risk.PostAsync("risk/score", new JsonObject());
        var malformed = await risk.PostRawAsync("risk/score", """{"orderId": "not-an-id"}""");
        var unknown = await risk.PostAsync("risk/score", new JsonObject { ["orderId"] = Guid.NewGuid() });
        var decided = await risk.PostAsync("risk/score", new JsonObject { ["orderId"] = order });

        Assert.Equal(HttpStatusCode.Forbidden, withoutScope.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await AssertNamesFieldAsync(missing, "orderId");
        await AssertNamesFieldAsync(malformed, "orderId");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var body = await decided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(order, body.GetProperty("orderId").GetGuid());
        Assert.Contains(body.GetProperty("outcome").GetString(), new[] { "approve", "review", "decline" });
        var onDemand = await app.WithDbAsync(db => db.Set<FraudDecision>().AsNoTracking().Where(d => d.Trigger == RiskTrigger.OnDemand).ToListAsync());
        Assert.Equal(order, Assert.Single(onDemand).OrderId);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "risk.scored"));
        Assert.Equal(1, audited);

        // A keyed request keeps its own unit of work: its decision, event, audit entry and key are written together,
        // and the retry is answered from the key without a second decision.
        var keyed = await risk.PostAsync("risk/score", new JsonObject { ["orderId"] = order }, "score-1");
        var retried = await risk.PostAsync("risk/score", new JsonObject { ["orderId"] = order }, "score-1");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (keyed.StatusCode, retried.StatusCode));
        Assert.Equal(await keyed.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());
        var keyedId = (await keyed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(order, (await app.WithDbAsync(db => db.Set<FraudDecision>().AsNoTracking().SingleAsync(d => d.Id == keyedId))).OrderId);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "risk.scored")));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().CountAsync(m => m.Type == RiskDecided.Type
            && m.Payload.Contains(order.ToString()))));
        Assert.Equal(1, await app.WithDbAsync(db => db.IdempotencyRecords.AsNoTracking().CountAsync(r => r.Key == "score-1")));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Decisions_asked_at_once_are_each_stored_with_event_and_audit_before_they_are_answered(Provider provider)
    {
        // Two writers asked for: PostgreSQL commits the decisions' batches on both side by side, SQLite on its one.
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Ombud:Fraud:DecisionWriters"] = "2",
        });
        Assert.Equal(provider == Provider.Postgres ? 2 : 1, app.Services.GetRequiredService<DecisionBatches>().Writers);
        var ingest = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await ingest.CustomerAndMerchantAsync();
        var orders = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            orders.Add(await ingest.CreateAsync("orders", Feed.Order(customer, merchant)));
        }

        var risk = new Feed(await app.ClientWithKeyAsync(Scopes.Risk));

        // Asked together, they are stored in shared commits; each caller still gets its own decision, already stored.
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            var response = await risk.PostAsync("risk/score", new JsonObject { ["orderId"] = orders[i % orders.Count] });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var id = body.GetProperty("id").GetGuid();
            var stored = await app.WithDbAsync(db => db.Set<FraudDecision>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id));
            Assert.Equal(orders[i % orders.Count], stored?.OrderId);
            // The stored row is the decision answered: outcome, score, reasons and basis.
            Assert.Equal((body.GetProperty("outcome").GetString(), body.GetProperty("score").GetDouble(), body.GetProperty("basis").GetString(), RiskTrigger.OnDemand),
                (stored!.Outcome.ToString().ToLowerInvariant(), stored.Score, stored.Basis, stored.Trigger));
            Assert.Equal(body.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()), stored.Reasons.Select(r => r.Code));
            return id;
        }));

        Assert.Equal(24, answers.Distinct().Count());
        var onDemand = await app.WithDbAsync(db => db.Set<FraudDecision>().AsNoTracking().CountAsync(d => d.Trigger == RiskTrigger.OnDemand));
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "risk.scored"));
        var announced = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == RiskDecided.Type).Select(m => m.Payload).ToListAsync());
        Assert.Equal((24, 24), (onDemand, audited));
        Assert.All(answers, id => Assert.Single(announced, p => p.Contains(id.ToString(), StringComparison.Ordinal)));
    }

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.Contains(field, StringComparison.OrdinalIgnoreCase));
    }

    private static Task<int> DeliverAsync(OmbudTestApp app) => app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(null, default);
}

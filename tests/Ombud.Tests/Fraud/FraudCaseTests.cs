using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Disputes;
using Ombud.Fraud.Cases;
using Ombud.Fraud.Contracts;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Outbox;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Fraud;

/// <summary>
/// A shopper's "someone used my account" in chat reaches a fraud specialist as a case; the specialist's liability
/// decision clears the shopper, resolves the dispute through the Disputes module and books the recovery.
/// </summary>
public sealed class FraudCaseTests
{
    private const string Cases = "/api/v1/fraud/cases";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_unauthorised_purchase_reported_in_chat_becomes_a_case_and_third_party_fraud_clears_the_shopper_and_books_the_recovery(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var specialist = await People.CreateAsync(app, "fraud.one@provider.example", Roles.FraudSpecialist);
        var world = await ShopperWorld.CreateAsync(app);
        await using (var chat = await world.ChatAsync())
        {
            await chat.StartAsync();
            await chat.SayAsync($"I never made order {world.Shoes.Reference}, someone used my account, this is fraud");
            var turn = await chat.SayAsync("yes");
            Assert.Equal("report_problem", turn.Action);
        }

        await DeliverAsync(app);
        await DeliverAsync(app);
        var dispute = await app.WithDbAsync(db => db.Set<Dispute>().AsNoTracking().SingleAsync(d => d.OrderId == world.Shoes.Id));
        var opened = await app.WithDbAsync(db => db.Set<FraudCase>().AsNoTracking().SingleAsync(c => c.OrderId == world.Shoes.Id && c.Source == CaseSource.UnauthorisedReport));
        Assert.Equal((CaseSource.UnauthorisedReport, CaseState.Open, dispute.Id, specialist.Id), (opened.Source, opened.State, opened.DisputeId, opened.AssigneeId));
        Assert.Equal(world.Shoes.TotalMinor, opened.AtStakeMinor);

        using var browser = new WebSession(app);
        await browser.SignInAsync(specialist.Email!, People.Password);
        var mine = await browser.Http.GetFromJsonAsync<JsonElement>($"{Cases}?holder=mine");
        Assert.Contains(mine.EnumerateArray(), row => row.GetProperty("id").GetGuid() == opened.Id);
        var view = await browser.Http.GetFromJsonAsync<JsonElement>($"{Cases}/{opened.Id}");
        var timeline = view.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, t => t.GetProperty("source").GetString() == "conversation"
                                       && t.GetProperty("detail").GetString()!.Contains("someone used my account", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.GetProperty("source").GetString() == "dispute");
        Assert.Contains(timeline, t => t.GetProperty("source").GetString() == "order");

        await DisputeParties.OkAsync(await browser.Http.PostAsync($"{Cases}/{opened.Id}/start", null));
        // Not a label yet; the node now keeps its copy of the decided orders, which the decision must refresh.
        Assert.False((await LabelsAsync(app, world.Shoes.Id)).ContainsKey(world.Shoes.Id));
        var decided = await DisputeParties.OkAsync(await browser.Http.PostAsJsonAsync($"{Cases}/{opened.Id}/decision",
            new { liability = "thirdPartyFraud", note = "Ordered from a new device and IP in another country; the shopper's own device was at home." }));
        Assert.Equal("recoveryPending", decided.GetProperty("state").GetString());
        Assert.Equal(world.Shoes.TotalMinor, decided.GetProperty("recoveryOpen").GetProperty("minor").GetInt64());

        var settled = await app.WithDbAsync(db => db.Set<Dispute>().AsNoTracking().SingleAsync(d => d.Id == dispute.Id));
        Assert.Equal((DisputeState.Closed, DisputeOutcome.MerchantLost, DisputeOutcomeDetail.ThirdPartyFraud),
            (settled.State, settled.Outcome, settled.OutcomeDetail));
        var order = await OrderAsync(app, world.Customer, world.Shoes.Id);
        Assert.Equal(world.Shoes.TotalMinor, order.Refunds.Sum(r => r.Amount.Minor));
        Assert.All(order.Plan.Instalments, i => Assert.Equal(0, i.Remaining.Minor));
        Assert.Equal(0, order.Plan.Held.Minor);
        var labels = await LabelsAsync(app, world.Shoes.Id);
        Assert.True(labels[world.Shoes.Id]);

        var booked = await DisputeParties.OkAsync(await browser.Http.PostAsJsonAsync($"{Cases}/{opened.Id}/recoveries",
            new { kind = "recovered", amount = world.Shoes.TotalMinor, currency = "SEK", note = "Charged back to Stadium Sport" }));
        Assert.Equal("closed", booked.GetProperty("state").GetString());
        Assert.Equal(world.Shoes.TotalMinor, booked.GetProperty("recovered").GetProperty("minor").GetInt64());

        var events = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.StartsWith("fraud.")).Select(m => m.Type).ToListAsync());
        Assert.Contains(FraudCaseOpened.Type, events);
        Assert.Contains(FraudCaseDecided.Type, events);
        Assert.Contains(FraudRecoveryBooked.Type, events);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Subject == $"fraud-case:{opened.Id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(new[] { "fraud.case-decided", "fraud.case-opened", "fraud.case-started", "fraud.case-viewed", "fraud.recovery-booked" },
            audited.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_specialist_cannot_decide_another_specialists_case_and_bad_input_is_refused_naming_the_field(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var holder = await People.CreateAsync(app, "fraud.holder@provider.example", Roles.FraudSpecialist);
        var world = await ShopperWorld.CreateAsync(app);
        using var holderBrowser = new WebSession(app);
        await holderBrowser.SignInAsync(holder.Email!, People.Password);
        var opened = await DisputeParties.CreatedAsync(await holderBrowser.Http.PostAsJsonAsync(Cases, new { orderId = world.Headphones.Id, summary = "Headphones shipped to a parcel locker" }));
        var caseId = opened.GetProperty("id").GetGuid();
        Assert.Equal(holder.Id, opened.GetProperty("assigneeId").GetString());
        var other = await People.CreateAsync(app, "fraud.other@provider.example", Roles.FraudSpecialist);
        using var otherBrowser = new WebSession(app);
        await otherBrowser.SignInAsync(other.Email!, People.Password);

        var refused = await otherBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/decision", new { liability = "notFraud", note = "Looks fine to me" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("fraud.holder", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unchanged = await app.WithDbAsync(db => db.Set<FraudCase>().AsNoTracking().SingleAsync(c => c.Id == caseId));
        Assert.Equal((CaseState.Open, (Liability?)null), (unchanged.State, unchanged.Liability));
        var refusal = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "fraud.case-refused"));
        Assert.Equal(($"user:{other.Id}", $"fraud-case:{caseId}"), (refusal.Actor, refusal.Subject));

        await AssertNamesFieldAsync(await holderBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/decision", new { note = "no liability" }), "liability");
        await AssertNamesFieldAsync(await holderBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/decision", new { liability = "maybe", note = "x" }), "liability");
        await AssertNamesFieldAsync(await holderBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/decision", new { liability = "notFraud" }), "note");
        await AssertNamesFieldAsync(await holderBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/evidence", new { text = "A post", link = "javascript:alert(1)" }), "link");
        await AssertNamesFieldAsync(await holderBrowser.Http.PostAsJsonAsync(Cases, new { summary = "no order" }), "orderId");
        await AssertNamesFieldAsync(await holderBrowser.Http.GetAsync($"{Cases}?state=lost"), "state");
        await AssertNamesFieldAsync(await holderBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/assignment", new { assigneeId = world.Email }), "assigneeId");
        var early = await holderBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/recoveries", new { kind = "recovered", amount = 100, currency = "SEK" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await holderBrowser.Http.PostAsJsonAsync(Cases, new { orderId = Guid.NewGuid(), summary = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await holderBrowser.Http.GetAsync($"{Cases}/{Guid.NewGuid()}")).StatusCode);

        await DisputeParties.OkAsync(await holderBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/decision", new { liability = "merchantError", note = "Shipped after a failed check" }));
        await AssertNamesFieldAsync(await holderBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/recoveries",
            new { kind = "writtenOff", amount = world.Headphones.TotalMinor + 1, currency = "SEK" }), "amount");
        await AssertNamesFieldAsync(await holderBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/recoveries",
            new { kind = "writtenOff", amount = 100, currency = "EUR" }), "currency");
        var part = await DisputeParties.OkAsync(await holderBrowser.Http.PostAsJsonAsync($"{Cases}/{caseId}/recoveries", new { kind = "writtenOff", amount = 30_000, currency = "SEK" }));
        Assert.Equal(("recoveryPending", world.Headphones.TotalMinor - 30_000),
            (part.GetProperty("state").GetString(), part.GetProperty("recoveryOpen").GetProperty("minor").GetInt64()));
        var labels = await LabelsAsync(app, world.Headphones.Id);
        Assert.False(labels[world.Headphones.Id]);
    }

    private static async Task<OrderSummary> OrderAsync(OmbudTestApp app, Guid customer, Guid orderId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var orders = await scope.ServiceProvider.GetRequiredService<CustomerOrders>().LatestAsync(customer, 20, default);
        return orders.Single(o => o.Id == orderId);
    }

    private static async Task<IReadOnlyDictionary<Guid, bool>> LabelsAsync(OmbudTestApp app, Guid orderId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RiskHistory>().LabelsAsync([orderId], default);
    }

    private static async Task DeliverAsync(OmbudTestApp app) => await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(null, default);

    /// <summary>A 400 problem naming <paramref name="field"/> (a body the JSON reader refused names its path, e.g. <c>$.liability</c>).</summary>
    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await DisputeParties.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.Contains(field, StringComparison.OrdinalIgnoreCase));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes;

/// <summary>
/// A test's view of the disputes desk: orders fed in over the ingestion API, dispute use cases run through the
/// product's own <see cref="DisputeService"/>, one <see cref="UnitOfWork"/> per call as a request would have.
/// </summary>
internal sealed class DisputeDesk(OmbudTestApp app, Feed feed)
{
    /// <summary>Order total 40 000 SEK on pay in 4: four instalments of 10 000, the first paid at purchase.</summary>
    public const long Total = 40_000;

    public const long FirstInstalment = 10_000;

    public OmbudTestApp App => app;

    public static async Task<DisputeDesk> OpenAsync(OmbudTestApp app) => new(app, new Feed(await app.ClientWithKeyAsync(Scopes.Ingest)));

    /// <summary>A new shopper in <paramref name="market"/> with one order of 40 000, the first instalment paid.</summary>
    public async Task<(Guid Customer, Guid Order)> ShopperWithOrderAsync(string market = "SE", string locale = "sv-SE")
    {
        var customerBody = Feed.Customer();
        customerBody["market"] = market;
        customerBody["locale"] = locale;
        var customer = await feed.CreateAsync("customers", customerBody);
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant, unitPrice: 35_100));
        await feed.CreateAsync("payments", new() { ["orderId"] = order, ["amount"] = FirstInstalment, ["currency"] = "SEK" });
        return (customer, order);
    }

    /// <summary>A new shopper with a 12-month financing order of two lines (the body's 35 100 headphones and a 20 000 case), nothing paid.</summary>
    /// <summary>The store reports a payment towards <paramref name="order"/> over the ingestion API.</summary>
    public Task PayAsync(Guid order, long amount) => feed.CreateAsync("payments", new() { ["orderId"] = order, ["amount"] = amount, ["currency"] = "SEK" });

    public async Task<(Guid Customer, Guid Order)> ShopperWithFinancedOrderAsync()
    {
        var customer = await feed.CreateAsync("customers", Feed.Customer());
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        var body = Feed.Order(customer, merchant, plan: "financing", unitPrice: 35_100);
        body["financingMonths"] = 12;
        body["aprBasisPoints"] = 1_990;
        body["lines"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject
        {
            ["sku"] = "CASE-1", ["description"] = "Carry case", ["quantity"] = 1, ["unitPrice"] = 20_000,
        });
        return (customer, await feed.CreateAsync("orders", body));
    }

    public async Task<Outcome<Dispute>> TryAsync(Func<DisputeService, Task<Outcome<Dispute>>> useCase)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<DisputeService>();
        return await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(_ => useCase(service), default, "The dispute");
    }

    public async Task<Dispute> DoAsync(Func<DisputeService, Task<Outcome<Dispute>>> useCase)
    {
        var outcome = await TryAsync(useCase);
        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        return outcome.Value!;
    }

    public Task<Dispute> ReportAsync(Guid order, DisputeReason reason, long? amount = null) =>
        reason == DisputeReason.HighRiskPurchase
            ? DoAsync(s => s.RaiseHighRiskAsync(order, "Shipping address is a known drop", "user:risk-desk", default))
            : DoAsync(s => s.ReportAsync(new ProblemReport(order, reason, "Something is wrong", AmountMinor: amount), "customer:shopper", default));

    public Task<Dispute> DisputeAsync(Guid id) => app.WithDbAsync(async db => await db.Set<Dispute>().AsNoTracking().SingleAsync(d => d.Id == id));

    public Task<PaymentPlan> PlanAsync(Guid order) =>
        app.WithDbAsync(async db => await db.Set<PaymentPlan>().AsNoTracking().SingleAsync(p => p.OrderId == order));

    /// <summary>The order as the provider's system reads it over the API.</summary>
    public Task<System.Text.Json.JsonElement> OrderOverApiAsync(Guid order) => feed.GetAsync($"orders/{order}");

    public Task<List<Refund>> RefundsAsync(Guid order) =>
        app.WithDbAsync(db => db.Set<Refund>().AsNoTracking().Where(r => r.OrderId == order).ToListAsync());

    public async Task<CustomerBalance> BalanceAsync(Guid customer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var balances = await scope.ServiceProvider.GetRequiredService<CustomerAccounts>().BalancesAsync(customer, default);
        return Assert.Single(balances);
    }

    public Task<int> OutboxCountAsync(string type) =>
        app.WithDbAsync(db => db.Set<Ombud.Platform.Outbox.OutboxMessage>().CountAsync(m => m.Type == type));

    /// <summary>Moves the clock just past <paramref name="deadline"/>.</summary>
    public void AdvancePast(DateTime? deadline) =>
        app.Clock.Advance(deadline!.Value - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
}

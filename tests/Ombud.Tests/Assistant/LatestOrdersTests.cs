using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Ombud.Assistant.Dialogue;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Disputes.Contracts;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary>
/// <see cref="CustomerOrders.LatestAsync"/> reads only the columns of a summary (the facts of a conversation's first
/// turn): what it answers is what the orders, their plans and merchants say when read whole, as the entities work it out.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class LatestOrdersTests(AssistantApps apps)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_latest_orders_read_by_their_columns_are_the_orders_read_whole(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider), withBigOrder: true);
        var feed = new Feed(await world.App.ClientWithKeyAsync(Scopes.Ingest));
        await feed.CreateAsync("refunds", new JsonObject { ["orderId"] = world.Espresso.Id, ["amount"] = 25_000, ["currency"] = "SEK", ["reason"] = "scratched" });

        var read = await world.App.WithDbAsync(db => new CustomerOrders(db).LatestAsync(world.Customer, 50, CancellationToken.None));
        var whole = await world.App.WithDbAsync(db => WholeAsync(db, world.Customer));

        Assert.Equal(4, read.Count);
        Assert.Equal(Json(whole), Json(read));
        var espresso = Assert.Single(read, o => o.Id == world.Espresso.Id);
        Assert.Equal("Kaffekompaniet", espresso.MerchantName);
        Assert.Equal(25_000, Assert.Single(espresso.Refunds).Amount.Minor);
        Assert.Contains(espresso.Plan.Instalments, i => i.Remaining.Minor == 0);
        Assert.Contains(espresso.Plan.Instalments, i => i.Remaining.Minor > 0);
    }

    /// <summary>
    /// A conversation's first turn reads its facts in six statements (<see cref="CustomerFacts.LoadAsync"/>): the same
    /// orders as <see cref="CustomerOrders.LatestAsync"/> and the same balances as <see cref="CustomerAccounts.BalancesAsync"/>,
    /// with a refund and an overpayment among them, and on a later day, when instalments are overdue.
    /// </summary>
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_first_turns_facts_are_the_orders_and_balances_read_apart_in_six_statements(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider), withBigOrder: true);
        var feed = new Feed(await world.App.ClientWithKeyAsync(Scopes.Ingest));
        await feed.CreateAsync("refunds", new JsonObject { ["orderId"] = world.Espresso.Id, ["amount"] = 25_000, ["currency"] = "SEK", ["reason"] = "scratched" });
        await feed.CreateAsync("payments", new JsonObject { ["orderId"] = world.Shoes.Id, ["amount"] = world.Shoes.TotalMinor + 1_000, ["currency"] = "SEK" });
        var now = world.App.Clock.GetUtcNow();
        var later = new FakeTimeProvider(now.AddDays(40));

        foreach (var clock in new TimeProvider[] { world.App.Clock, later })
        {
            var (facts, statements) = await world.App.WithDbAsync(db => StatementCount.OfAsync(db,
                () => CustomerFacts.LoadAsync(new CustomerOrders(db), new CustomerDisputes(db), clock, world.Customer, CancellationToken.None)));
            var orders = await world.App.WithDbAsync(db => new CustomerOrders(db).LatestAsync(world.Customer, CustomerFacts.LatestOrders, CancellationToken.None));
            var balances = await world.App.WithDbAsync(db => new CustomerAccounts(db, clock).BalancesAsync(world.Customer, CancellationToken.None));

            Assert.Equal(6, statements);
            Assert.Equal(Json(orders), Json(facts!.Orders.Select(o => o.Order)));
            Assert.Equal(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), facts.Balances!.Day);
            Assert.Equal(Json(balances), Json(facts.Balances.Balances));
            var sek = Assert.Single(balances);
            Assert.True(sek.Credit.Minor >= 1_000, "the overpayment is owed back");
            Assert.Equal(clock == later, sek.Overdue.Minor > 0);
        }
    }

    /// <summary>The summaries built from the entities, newest first: what the read answered before it projected.</summary>
    private static async Task<IReadOnlyList<OrderSummary>> WholeAsync(OmbudDb db, Guid customer)
    {
        var orders = await db.Set<Order>().AsNoTracking().Include(o => o.Plan).Where(o => o.CustomerId == customer).ToListAsync();
        var merchants = await db.Set<Merchant>().AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name);
        var refunds = (await db.Set<Refund>().AsNoTracking().Where(r => r.CustomerId == customer).ToListAsync()).ToLookup(r => r.OrderId);
        return [.. orders.OrderByDescending(o => o.PlacedAt).Select(o => new OrderSummary(o.Id, o.ExternalId, o.MerchantId, merchants[o.MerchantId], o.Status,
            o.Total, o.PlacedAt, o.ShippedAt, o.DeliveredAt, o.Carrier, o.TrackingNumber,
            [.. o.Lines.OrderBy(l => l.Number).Select(l => new OrderLineSummary(l.Number, l.Description, l.Quantity, new Money(l.TotalMinor, o.Currency)))],
            new PlanSummary(o.Plan.Kind, o.Plan.Held,
                [.. o.Plan.Instalments.OrderBy(i => i.Sequence).Select(i => new InstalmentSummary(i.Sequence, i.DueDate, i.Status,
                    new Money(i.RemainingMinor, o.Currency), new Money(i.CollectibleMinor, o.Currency), new Money(i.HeldMinor, o.Currency)))],
                o.Plan.HandedToCollectionAt),
            [.. refunds[o.Id].OrderBy(r => r.CreatedAt).Select(r => new RefundSummary(r.Id, r.Amount, r.CreatedAt))]))];
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce.Contracts;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Fraud;

/// <summary>The history a risk decision reads: earlier orders sharing any identity with the order, its shipping address included.</summary>
public sealed class RiskHistoryTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_earlier_order_shipped_to_the_same_address_is_linked_though_nothing_else_is_shared(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        var sameStreet = await OrderAsync(feed, merchant, "anna", "device-a", "10.0.0.1", "Storgatan 1");
        var otherStreet = await OrderAsync(feed, merchant, "bo", "device-b", "10.0.0.2", "Storgatan 2");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await OrderAsync(feed, merchant, "cia", "device-c", "10.0.0.3", "Storgatan 1");

        await using var scope = app.Services.CreateAsyncScope();
        var history = scope.ServiceProvider.GetRequiredService<RiskHistory>();
        var facts = await history.OrderAsync(later, default);
        var linked = await history.EarlierLinkedAsync(facts!, default);

        Assert.Equal([sameStreet], linked.Select(o => o.OrderId));
        Assert.DoesNotContain(otherStreet, linked.Select(o => o.OrderId));
        Assert.Empty(await history.EarlierLinkedAsync((await history.OrderAsync(sameStreet, default))!, default));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_risk_decision_reads_the_order_with_its_linked_history_at_once_and_nothing_for_an_unknown_order(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        var sameStreet = await OrderAsync(feed, merchant, "anna", "device-a", "10.0.0.1", "Storgatan 1");
        await OrderAsync(feed, merchant, "bo", "device-b", "10.0.0.2", "Storgatan 2");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var sameDevice = await OrderAsync(feed, merchant, "cia", "device-a", "10.0.0.3", "Vasagatan 9");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await OrderAsync(feed, merchant, "dan", "device-a", "10.0.0.4", "Storgatan 1");

        await using var scope = app.Services.CreateAsyncScope();
        var history = scope.ServiceProvider.GetRequiredService<RiskHistory>();
        var read = await history.OrderWithEarlierLinkedAsync(later, default);

        // The order's facts are the ones its own read gives (every column, the address keys, account age and category).
        Assert.NotNull(read);
        Assert.Equal(await history.OrderAsync(later, default), read.Order);
        Assert.Equal(DateTimeKind.Utc, read.Order.PlacedAt.Kind);
        // Newest first: the shared device, then the shared address; no labels in this store.
        Assert.Equal([sameDevice, sameStreet], read.Linked.Select(o => o.Order.OrderId));
        // An earlier order carries its facts but not its customer's account date: only the decided order's age is a feature.
        Assert.NotNull(read.Order.AccountCreatedAt);
        Assert.Equal((await history.OrderAsync(sameStreet, default))! with { AccountCreatedAt = null }, read.Linked[1].Order);
        Assert.All(read.Linked, o => Assert.Null(o.Fraud));
        Assert.Null(await history.OrderWithEarlierLinkedAsync(Guid.NewGuid(), default));

        // Many decisions read at once, each in its own scope as requests do: each gets its own order and history. Eight
        // at a time: enough to share the statement between reads, few enough that a loaded machine opens the connections
        // within Npgsql's connect timeout (48 at once once ran past it in CI).
        Guid[] orders = [later, sameDevice, sameStreet];
        var reads = new System.Collections.Concurrent.ConcurrentBag<(Guid Asked, RiskOrderHistory Read)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 48), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await using var request = app.Services.CreateAsyncScope();
            var own = await request.ServiceProvider.GetRequiredService<RiskHistory>().OrderWithEarlierLinkedAsync(orders[i % 3], ct);
            reads.Add((orders[i % 3], own!));
        });
        Assert.Equal(48, reads.Count);
        Assert.All(reads, r => Assert.Equal(r.Asked, r.Read.Order.OrderId));
        Assert.All(reads.Where(r => r.Asked == later), r => Assert.Equal([sameDevice, sameStreet], r.Read.Linked.Select(o => o.Order.OrderId)));
    }

    private static async Task<Guid> OrderAsync(Feed feed, Guid merchant, string name, string device, string ip, string street)
    {
        var email = $"{name}@example.org";
        var customer = Feed.Customer();
        customer["email"] = email;
        customer.Remove("phone");
        var order = Feed.Order(await feed.CreateAsync("customers", customer), merchant);
        order["email"] = email;
        order["deviceFingerprint"] = device;
        order["ipAddress"] = ip;
        order["phone"] = null;
        order["shippingAddress"] = new JsonObject { ["line1"] = street, ["city"] = "Stockholm", ["postalCode"] = "11122", ["country"] = "SE" };
        return await feed.CreateAsync("orders", order);
    }
}

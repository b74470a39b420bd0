using System.Net;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Ingestion;

public sealed class IdempotencyTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_thousand_orders_posted_twice_with_the_same_keys_are_stored_exactly_once(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var keys = Enumerable.Range(0, 1_000).Select(i => $"order-{i}").ToList();

        var first = await PostAllAsync(feed, keys, customer, merchant);
        // The retry runs with more parallelism, so some duplicates race each other as well as the stored answers.
        var second = await PostAllAsync(feed, keys, customer, merchant, parallelism: 8);

        Assert.All(first.Concat(second), r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Equal(first.Select(r => r.Body), second.Select(r => r.Body));
        Assert.Equal(1_000, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_and_changes_nothing()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        Assert.Equal(HttpStatusCode.Created, (await feed.PostAsync("orders", Feed.Order(customer, merchant), "k-1")).StatusCode);

        var response = await feed.PostAsync("orders", Feed.Order(customer, merchant, unitPrice: 1), "k-1");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("different request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var one = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var other = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));

        var a = await one.PostAsync("merchants", Feed.Merchant("a"), "shared-key");
        var b = await other.PostAsync("merchants", Feed.Merchant("b"), "shared-key");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (a.StatusCode, b.StatusCode));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Merchant>().CountAsync()));
    }

    private static async Task<List<(HttpStatusCode Status, string Body)>> PostAllAsync(Feed feed, List<string> keys, Guid customer, Guid merchant,
        int parallelism = 4)
    {
        var results = new (HttpStatusCode, string)[keys.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
        {
            var body = Feed.Order(customer, merchant, unitPrice: 10_000 + i);
            body["externalId"] = $"ext-{i}";
            var response = await feed.PostAsync("orders", body, keys[i]);
            results[i] = (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        });
        return [.. results];
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Ingestion;

/// <summary>POST /api/v1/orders/batch: each order on its own, and what is stored is exactly what the answer says.</summary>
public sealed class OrderBatchTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_bad_order_in_the_middle_is_refused_by_its_field_and_the_others_are_stored(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var orders = Enumerable.Range(0, 5).Select(i => Item($"k-{i}", Numbered(Feed.Order(customer, merchant), i))).ToList();
        orders[2]["order"]!["lines"]![0]!["quantity"] = 0;

        var answer = await BatchAsync(feed, orders, "batch-1");

        Assert.Equal((4, 0, 1), (answer.GetProperty("created").GetInt32(), answer.GetProperty("existed").GetInt32(), answer.GetProperty("refused").GetInt32()));
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["created", "created", "refused", "created", "created"], results.Select(r => r.GetProperty("status").GetString()));
        var problem = results[2].GetProperty("problem");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("orders[2].order.lines[0].quantity", out _), problem.ToString());
        await AssertStoredExactlyAsync(app, feed, results);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Orders_already_stored_under_their_key_exist_and_clashes_are_named(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var single = await feed.PostAsync("orders", Numbered(Feed.Order(customer, merchant), 0), "k-0");
        var singleId = (await single.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await feed.CreateAsync("orders", Numbered(Feed.Order(customer, merchant), 9));
        var orders = new List<JsonObject>
        {
            Item("k-0", Numbered(Feed.Order(customer, merchant), 0)),              // the same order under the same key: existed
            Item("k-1", Numbered(Feed.Order(customer, merchant), 1)),              // new: created
            Item("k-0", Numbered(Feed.Order(customer, merchant), 2)),              // the key again, in this batch
            Item("k-3", Numbered(Feed.Order(customer, merchant), 9)),              // another order's externalId
            Item("k-4", Set(Numbered(Feed.Order(customer, merchant), 4), "customerId", Guid.NewGuid())),
            Item(null, Numbered(Feed.Order(customer, merchant), 5)),               // no key: created
        };

        var answer = await BatchAsync(feed, orders, null);

        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["existed", "created", "refused", "refused", "refused", "created"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(singleId, results[0].GetProperty("id").GetGuid());
        Assert.Equal($"/api/v1/orders/{singleId}", results[0].GetProperty("location").GetString());
        Assert.Equal(409, results[2].GetProperty("problem").GetProperty("status").GetInt32());
        Assert.True(results[2].GetProperty("problem").GetProperty("errors").TryGetProperty("orders[2].idempotencyKey", out _));
        Assert.True(results[3].GetProperty("problem").GetProperty("errors").TryGetProperty("orders[3].order.externalId", out _));
        Assert.True(results[4].GetProperty("problem").GetProperty("errors").TryGetProperty("orders[4].order.customerId", out _));
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
        // The key of an order created in a batch answers a single POST of that order with it.
        var retry = await feed.PostAsync("orders", Numbered(Feed.Order(customer, merchant), 1), "k-1");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(results[1].GetProperty("id").GetGuid(), (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_batch_retried_with_its_idempotency_key_gets_the_same_answer_and_stores_nothing_twice(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var orders = Enumerable.Range(0, 20).Select(i => Item(null, Numbered(Feed.Order(customer, merchant), i))).ToList();
        orders[7]["order"]!["currency"] = "XYZ";

        var first = await feed.PostAsync("orders/batch", Batch(orders), "feed-0001");
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => feed.PostAsync("orders/batch", Batch(orders), "feed-0001")));
        orders[7]["order"]!["currency"] = "SEK";
        var changed = await feed.PostAsync("orders/batch", Batch(orders), "feed-0001");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.Content.ReadAsStringAsync();
        foreach (var response in again)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(body, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal(19, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task An_empty_or_oversized_batch_is_refused_whole(int count)
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var orders = Enumerable.Range(0, count).Select(i => Item(null, Numbered(Feed.Order(customer, merchant), i))).ToList();

        var response = await feed.PostAsync("orders/batch", Batch(orders));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("orders", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Fact]
    public async Task The_batch_endpoint_is_in_the_openapi_document()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);

        var document = await app.Client().GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var batch = document.GetProperty("paths").GetProperty("/api/v1/orders/batch").GetProperty("post");
        Assert.Contains("each on its own", batch.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(batch.GetProperty("responses").TryGetProperty("200", out _));
    }

    /// <summary>Every order the answer calls created or existed can be read back; nothing else was stored.</summary>
    private static async Task AssertStoredExactlyAsync(OmbudTestApp app, Feed feed, List<JsonElement> results)
    {
        var said = results.Where(r => r.GetProperty("status").GetString() is "created" or "existed").Select(r => r.GetProperty("id").GetGuid()).ToHashSet();
        foreach (var id in said)
        {
            Assert.Equal(id, (await feed.GetAsync($"orders/{id}")).GetProperty("id").GetGuid());
        }

        var stored = await app.WithDbAsync(db => db.Set<Order>().Select(o => o.Id).ToListAsync());
        Assert.True(said.SetEquals(stored), $"answered {said.Count}, stored {stored.Count}");
    }

    private static async Task<JsonElement> BatchAsync(Feed feed, List<JsonObject> orders, string? key)
    {
        var response = await feed.PostAsync("orders/batch", Batch(orders), key);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonObject Batch(List<JsonObject> orders) => new() { ["orders"] = new JsonArray([.. orders.Select(o => o.DeepClone())]) };

    private static JsonObject Item(string? key, JsonObject order) => new() { ["idempotencyKey"] = key, ["order"] = order };

    private static JsonObject Numbered(JsonObject order, int n)
    {
        order["externalId"] = $"ext-{n}";
        order["lines"]![0]!["unitPrice"] = 10_000 + n;
        return order;
    }

    private static JsonObject Set(JsonObject order, string field, JsonNode value)
    {
        order[field] = value;
        return order;
    }
}

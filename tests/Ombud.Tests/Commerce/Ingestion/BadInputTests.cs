using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Ingestion;

/// <summary>Every client mistake gets its 4xx as problem details naming the field, and nothing is stored.</summary>
public sealed class BadInputTests
{
    public static TheoryData<Provider, string> Spoilers()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            foreach (var spoiler in new[] { "malformed", "negative", "fraction", "currency", "customer", "many-errors", "ip", "plan" })
            {
                data.Add(provider, spoiler);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Spoilers))]
    public async Task A_spoiled_order_is_refused_with_the_field_named_and_nothing_is_stored(Provider provider, string spoiler)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var body = Feed.Order(customer, merchant);
        var (json, field) = spoiler switch
        {
            "malformed" => ("{\"customerId\": \"" + customer + "\", \"lines\": [", null),
            "negative" => (Set(body, b => b["lines"]![0]!["unitPrice"] = -100), "lines[0].unitPrice"),
            "fraction" => (body.ToJsonString().Replace("\"unitPrice\":129900", "\"unitPrice\":1299.50", StringComparison.Ordinal), "lines[0].unitPrice"),
            "currency" => (Set(body, b => b["currency"] = "XYZ"), "currency"),
            "customer" => (Set(body, b => b["customerId"] = Guid.NewGuid()), "customerId"),
            "many-errors" => (Set(body, b => { b["email"] = "not-an-email"; b["billingAddress"]!["country"] = "Sweden"; }), "billingAddress.country"),
            "ip" => (Set(body, b => b["ipAddress"] = "999.1.1.1"), "ipAddress"),
            "plan" => (Set(body, b => b["plan"] = "payIn12"), "plan"),
            _ => throw new ArgumentOutOfRangeException(nameof(spoiler)),
        };

        var response = await feed.PostRawAsync("orders", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"'{field}' not named in {problem}");
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_ten_megabyte_body_is_refused_as_too_large(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var body = Feed.Order(customer, merchant);
        body["lines"]![0]!["description"] = new string('x', 10 * 1024 * 1024);

        var response = await feed.PostAsync("orders", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Without_a_key_the_api_answers_401_and_with_the_wrong_scope_403(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var anonymous = new Feed(app.Client());
        var riskOnly = new Feed(await app.ClientWithKeyAsync(Scopes.Risk));
        var forged = new Feed(app.Client());
        forged.Client.DefaultRequestHeaders.Authorization = new("Bearer", "ombud_" + new string('0', 64));

        var none = await anonymous.PostAsync("orders", Feed.Order(customer, merchant));
        var wrongScope = await riskOnly.PostAsync("orders", Feed.Order(customer, merchant));
        var unknownKey = await forged.PostAsync("orders", Feed.Order(customer, merchant));
        var read = await anonymous.Client.GetAsync(new Uri($"/api/v1/customers/{customer}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/problem+json", wrongScope.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Theory]
    [InlineData("payments", 0, "SEK", "amount")]
    [InlineData("payments", 100, "EUR", "currency")]
    [InlineData("refunds", 200_000, "SEK", "amount")]
    [InlineData("refunds", 0, "SEK", "amount")]
    public async Task Payments_and_refunds_that_do_not_fit_the_order_are_refused(string resource, long amount, string currency, string field)
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant));
        var before = await feed.GetAsync($"orders/{order}");

        var response = await feed.PostAsync(resource, new System.Text.Json.Nodes.JsonObject { ["orderId"] = order, ["amount"] = amount, ["currency"] = currency });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before.GetRawText(), (await feed.GetAsync($"orders/{order}")).GetRawText());
    }

    [Fact]
    public async Task A_bad_cursor_or_limit_is_a_client_error()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var client = await app.ClientWithKeyAsync(Scopes.Ingest);

        var cursor = await client.GetAsync(new Uri("/api/v1/orders?cursor=nonsense", UriKind.Relative));
        var limit = await client.GetAsync(new Uri("/api/v1/orders?limit=100000", UriKind.Relative));
        var unknown = await client.GetAsync(new Uri($"/api/v1/orders/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (cursor.StatusCode, limit.StatusCode, unknown.StatusCode));
    }

    private static string Set(System.Text.Json.Nodes.JsonObject body, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        change(body);
        return body.ToJsonString();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ombud.Tests.Commerce.Ingestion;

/// <summary>A provider's system feeding Ombud over HTTP, with realistic bodies a test can then spoil.</summary>
internal sealed class Feed(HttpClient client)
{
    public HttpClient Client => client;

    public static JsonObject Merchant(string? externalId = null) => new()
    {
        ["externalId"] = externalId,
        ["name"] = "Nordljud Elektronik",
        ["categoryCode"] = "5732",
        ["country"] = "SE",
    };

    public static JsonObject Customer(string? externalId = null) => new()
    {
        ["externalId"] = externalId,
        ["name"] = "Anna Svensson",
        ["email"] = "anna.svensson@example.se",
        ["phone"] = "+46 70 123 45 67",
        ["locale"] = "sv-SE",
        ["market"] = "SE",
        ["kycLevel"] = "verified",
    };

    public static JsonObject Order(Guid customerId, Guid merchantId, string plan = "payIn4", long unitPrice = 129_900) => new()
    {
        ["customerId"] = customerId,
        ["merchantId"] = merchantId,
        ["currency"] = "SEK",
        ["lines"] = new JsonArray(new JsonObject
        {
            ["sku"] = "HP-200",
            ["description"] = "Wireless headphones",
            ["quantity"] = 1,
            ["unitPrice"] = unitPrice,
        }),
        ["shippingFee"] = 4_900,
        ["billingAddress"] = Address(),
        ["shippingAddress"] = Address(),
        ["email"] = "anna.svensson@example.se",
        ["deviceFingerprint"] = "d3v1c3",
        ["ipAddress"] = "81.2.69.160",
        ["channel"] = "web",
        ["plan"] = plan,
    };

    public static JsonObject Address() => new()
    {
        ["line1"] = "Storgatan 1",
        ["city"] = "Stockholm",
        ["postalCode"] = "111 22",
        ["country"] = "SE",
    };

    public async Task<Guid> CreateAsync(string resource, JsonObject body)
    {
        var response = await PostAsync(resource, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {resource}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<(Guid Customer, Guid Merchant)> CustomerAndMerchantAsync() =>
        (await CreateAsync("customers", Customer()), await CreateAsync("merchants", Merchant()));

    public Task<HttpResponseMessage> PostAsync(string resource, JsonNode body, string? idempotencyKey = null) =>
        PostRawAsync(resource, body.ToJsonString(), idempotencyKey);

    public Task<HttpResponseMessage> PostRawAsync(string resource, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/{resource}", UriKind.Relative))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await client.GetAsync(new Uri($"/api/v1/{path}", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Ombud.Tests.Support;

namespace Ombud.BrowserTests;

/// <summary>
/// The provider's checkout, as a browser test needs it: the demo shopper's history is random, so a flow that needs an
/// order of known shape has one placed over the ingestion API, with a key made by <c>ombud apikey create</c>, as the
/// provider's system would. The order is the demo shopper's at the demo merchant's store: pay in 4, the first
/// quarter paid at checkout, shipped with tracking.
/// </summary>
internal sealed class DemoCheckout : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _customerId;
    private readonly string _merchantId;

    private DemoCheckout(HttpClient http, string customerId, string merchantId) =>
        (_http, _customerId, _merchantId) = (http, customerId, merchantId);

    public static async Task<DemoCheckout> OpenAsync(DemoServer server, string keyName)
    {
        var customerId = Assert.Single(await server.QueryAsync("SELECT lower(CustomerId) FROM platform_users WHERE Email = 'shopper@demo.ombud.test'"));
        var merchantId = Assert.Single(await server.QueryAsync("SELECT lower(MerchantId) FROM platform_users WHERE Email = 'merchant@demo.ombud.test'"));
        var created = await OmbudProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["Ombud__Database__Provider"] = "sqlite",
                ["Ombud__Database__ConnectionString"] = $"Data Source={server.DatabasePath}",
            },
            "apikey", "create", "--name", keyName, "--scope", "ingest");
        Assert.True(created.ExitCode == 0, created.StandardError);
        var key = created.StandardOutput.Trim().Split('\n')[^1].Trim();

        var http = new HttpClient { BaseAddress = new Uri(server.Url + "/api/v1/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new DemoCheckout(http, customerId, merchantId);
    }

    /// <summary>Places and ships one order of one line; the first of four instalments is paid. Its id.</summary>
    public async Task<string> PlaceShippedOrderAsync(string? externalId, string sku, string item, long unitPrice, string carrier, string trackingNumber)
    {
        const long shippingFee = 4_900;
        var address = new JsonObject { ["line1"] = "Storgatan 1", ["city"] = "Stockholm", ["postalCode"] = "111 22", ["country"] = "SE" };
        var body = new JsonObject
        {
            ["customerId"] = _customerId,
            ["merchantId"] = _merchantId,
            ["currency"] = "SEK",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["description"] = item, ["quantity"] = 1, ["unitPrice"] = unitPrice }),
            ["shippingFee"] = shippingFee,
            ["billingAddress"] = address.DeepClone(),
            ["shippingAddress"] = address.DeepClone(),
            ["email"] = "anna.svensson@example.se",
            ["channel"] = "web",
            ["plan"] = "payIn4",
        };
        if (externalId is not null)
        {
            body["externalId"] = externalId;
        }

        var order = await PostAsync("orders", body);
        await PostAsync("payments", new JsonObject { ["orderId"] = order, ["amount"] = (unitPrice + shippingFee) / 4, ["currency"] = "SEK" });
        await PostAsync($"orders/{order}/shipment", new JsonObject { ["carrier"] = carrier, ["trackingNumber"] = trackingNumber });
        return order;
    }

    /// <summary>
    /// The demo shopper reports a problem with <paramref name="orderId"/> over the shopper API, with her signed-in
    /// browser session's cookie, and closes that session. The dispute's id.
    /// </summary>
    public static async Task<string> ReportAsync(DemoServer server, string orderId, string reason, string description)
    {
        var shopper = await server.SignInAsync("shopper", "/shopper");
        var reported = await shopper.APIRequest.PostAsync("/api/v1/shopper/disputes", new() { DataObject = new { orderId, reason, description } });
        Assert.True(reported.Status == 201, await reported.TextAsync());
        var disputeId = JsonDocument.Parse(await reported.TextAsync()).RootElement.GetProperty("id").GetString()!;
        await shopper.Context.CloseAsync();
        return disputeId;
    }

    public async Task<string> PostAsync(string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)?["id"]?.GetValue<string>() ?? "";
    }

    public void Dispose() => _http.Dispose();
}

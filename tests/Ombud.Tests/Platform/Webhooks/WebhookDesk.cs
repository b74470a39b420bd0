using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Disputes;
using Ombud.Platform.Auth;
using Ombud.Platform.Webhooks;
using Ombud.Tests.Disputes;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Webhooks;

/// <summary>
/// A test's view of webhooks: an Ombud host that may send to a local receiver, merchants with orders and keys,
/// dispute steps run through the product's <see cref="DisputeService"/>, and dispatcher passes run on demand.
/// </summary>
internal sealed class WebhookDesk(OmbudTestApp app, DisputeDesk disputes) : IAsyncDisposable
{
    public OmbudTestApp App => app;

    public DisputeDesk Disputes => disputes;

    /// <summary>
    /// A host that may send to 127.0.0.1 over http. Without <paramref name="runDispatcher"/> no dispatcher runs on its
    /// own (the test host counts as a one-shot command) and the test runs passes with <see cref="DispatchAsync"/>.
    /// </summary>
    public static async Task<WebhookDesk> StartAsync(Provider provider, bool runDispatcher = false, Action<WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Ombud:Webhooks:AllowHttp"] = "true",
            ["Ombud:Webhooks:AllowPrivateNetworks"] = "true",
            ["Ombud:Events:RunInBackground"] = runDispatcher ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = await OmbudTestApp.StartAsync(provider, configure, all);
        return new WebhookDesk(app, await DisputeDesk.OpenAsync(app));
    }

    /// <summary>A new shopper's order of 40 000 SEK at a new merchant.</summary>
    public async Task<(Guid Merchant, Guid Order)> MerchantWithOrderAsync()
    {
        var (_, order) = await disputes.ShopperWithOrderAsync();
        var merchant = (await disputes.OrderOverApiAsync(order)).GetProperty("merchantId").GetGuid();
        return (merchant, order);
    }

    public Task<HttpClient> MerchantClientAsync(Guid merchant) => app.ClientWithKeyAsync(Scopes.ForMerchant(merchant));

    public Task<HttpClient> ProviderClientAsync() => app.ClientWithKeyAsync(Scopes.Admin);

    /// <summary>Registers an endpoint and returns the answer (with its secret).</summary>
    public static async Task<JsonElement> RegisterAsync(HttpClient client, Uri url, params string[] eventTypes)
    {
        var response = await client.PostAsJsonAsync("/api/v1/webhooks/endpoints", new { url, description = "orders desk", eventTypes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<Dispute> ReportAsync(Guid order) => disputes.ReportAsync(order, DisputeReason.GoodsOrServiceNotReceived);

    /// <summary>One pass of the dispatcher, as the hosted one would run it.</summary>
    public Task<(int FannedOut, int Sent)> DispatchAsync() => app.Services.GetRequiredService<WebhookDispatch>().RunOnceAsync(CancellationToken.None);

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The endpoint's only delivery, with its attempts, as its owner reads it.</summary>
    public static async Task<JsonElement> OnlyDeliveryAsync(HttpClient client, string endpointId)
    {
        var page = await GetJsonAsync(client, $"/api/v1/webhooks/endpoints/{endpointId}/deliveries");
        var delivery = Assert.Single(page.GetProperty("items").EnumerateArray());
        return await GetJsonAsync(client, $"/api/v1/webhooks/deliveries/{delivery.GetProperty("id").GetGuid()}");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}

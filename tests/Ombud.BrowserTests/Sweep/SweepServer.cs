using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Ombud.BrowserTests.Sweep;

/// <summary>
/// The demo server with one dispute more than the demo world has: a shipped order at the demo merchant, reported by the
/// demo shopper over the API, so the newest dispute is the demo shopper's (the Swedish viewer test reads it). The demo
/// world's own disputes, one in every state, give the merchant and staff pages their rows to link to.
/// </summary>
public sealed class SweepServer() : DemoServer(), IAsyncLifetime
{
    /// <summary>The demo shopper's dispute filed here, the newest of the world.</summary>
    public string DisputeId { get; private set; } = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        string orderId;
        using (var checkout = await DemoCheckout.OpenAsync(this, "page-sweep-checkout"))
        {
            orderId = await checkout.PlaceShippedOrderAsync(null, "SWEEP-1", "Desk lamp", 49_900, "PostNord", "PN-SWEEP-1");
        }

        var shopper = await SignInAsync("shopper", "/shopper");
        await using var context = shopper.Context;
        var response = await shopper.APIRequest.PostAsync("/api/v1/shopper/disputes", new APIRequestContextOptions
        {
            DataObject = new JsonObject
            {
                ["orderId"] = orderId,
                ["reason"] = "goodsOrServiceNotReceived",
                ["description"] = "The parcel never came; the tracking has not moved for two weeks.",
            },
        });
        if (response.Status != 201)
        {
            throw new InvalidOperationException($"The sweep's dispute was not filed: {response.Status} {await response.TextAsync()}");
        }

        DisputeId = (await response.JsonAsync())!.Value.GetProperty("id").GetString()!;
    }
}

using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Ombud.BrowserTests.Sweep;

/// <summary>
/// The demo server with one dispute more than the demo world has: a shipped order at the demo merchant, reported by the
/// demo shopper over the API, so the dispute pages of shopper, merchant and staff have a row to link to. The store
/// period is zero days, so the dispute timer hands it to the merchant at once and the merchant's pages list it too.
/// </summary>
public sealed class SweepServer() : DemoServer(new Dictionary<string, string> { ["Ombud__Disputes__StoreResolutionDays"] = "0" }), IAsyncLifetime
{
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

        var id = (await response.JsonAsync())!.Value.GetProperty("id").GetString();
        var sql = $"SELECT COUNT(*) FROM disputes_transitions WHERE upper(DisputeId) = upper('{id}')";
        var reported = (await QueryAsync(sql))[0];
        for (var waited = 0; (await QueryAsync(sql))[0] == reported; waited++)
        {
            if (waited == 180)
            {
                throw new InvalidOperationException($"The dispute timer did not hand dispute {id} to the merchant within 3 minutes.\n{ServerOutput}");
            }

            await Task.Delay(1000);
        }
    }
}

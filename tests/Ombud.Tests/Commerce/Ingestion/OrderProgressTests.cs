using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Ingestion;

public sealed class OrderProgressTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_order_is_shipped_with_tracking_delivered_and_returned(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant));

        await feed.CreateAsync($"orders/{order}/shipment", new JsonObject { ["carrier"] = "PostNord", ["trackingNumber"] = "PN123456789SE" });
        app.Clock.Advance(TimeSpan.FromDays(2));
        await feed.CreateAsync($"orders/{order}/delivery", new JsonObject());
        await feed.CreateAsync($"orders/{order}/return", new JsonObject { ["whole"] = true });

        var stored = await feed.GetAsync($"orders/{order}");
        Assert.Equal(("returned", "PostNord", "PN123456789SE"),
            (stored.GetProperty("status").GetString(), stored.GetProperty("carrier").GetString(), stored.GetProperty("trackingNumber").GetString()));
    }

    [Fact]
    public async Task Steps_out_of_order_are_refused_naming_the_current_state_and_change_nothing()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant));

        var deliverFirst = await feed.PostAsync($"orders/{order}/delivery", new JsonObject());
        var returnFirst = await feed.PostAsync($"orders/{order}/return", new JsonObject());
        await feed.CreateAsync($"orders/{order}/shipment", new JsonObject { ["carrier"] = "DHL", ["trackingNumber"] = "JD014600003" });
        var cancelShipped = await feed.PostAsync($"orders/{order}/cancellation", new JsonObject());
        var unknown = await feed.PostAsync($"orders/{Guid.NewGuid()}/delivery", new JsonObject());
        var noTracking = await feed.PostAsync($"orders/{order}/shipment", new JsonObject { ["carrier"] = "DHL" });

        Assert.Equal(HttpStatusCode.Conflict, deliverFirst.StatusCode);
        Assert.Contains("this one is Placed", (await deliverFirst.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, returnFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, cancelShipped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTracking.StatusCode);
        Assert.Equal("shipped", (await feed.GetAsync($"orders/{order}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_order_not_yet_shipped_can_be_cancelled_once()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant));

        var first = await feed.PostAsync($"orders/{order}/cancellation", new JsonObject());
        var again = await feed.PostAsync($"orders/{order}/cancellation", new JsonObject());

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict), (first.StatusCode, again.StatusCode));
        Assert.Equal("cancelled", (await feed.GetAsync($"orders/{order}")).GetProperty("status").GetString());
    }
}

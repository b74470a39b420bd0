using System.Net;
using System.Net.Http.Json;
using Ombud.Disputes;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Http;

/// <summary>The merchant's order over its key: the order, the shopper's plan, refunds and the disputes on it; nobody else's.</summary>
public sealed class MerchantOrderApiTests
{
    private const string Orders = "/api/v1/merchant/orders";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_merchant_reads_its_order_with_the_paused_plan_its_refund_and_the_dispute(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();

        var before = await DisputeParties.OkAsync(await shop.MerchantApi.GetAsync($"{Orders}/{shop.Order}"));
        Assert.Equal((shop.Order.ToString(), DisputeDesk.Total, "SEK"), (before.GetProperty("id").GetString(), before.GetProperty("total").GetInt64(),
            before.GetProperty("currency").GetString()));
        var instalments = before.GetProperty("plan").GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("status").GetString()).ToList();
        Assert.Equal(4, instalments.Count);
        Assert.Equal("paid", instalments[0]);
        Assert.Empty(before.GetProperty("disputes").EnumerateArray());
        Assert.Empty(before.GetProperty("refunds").EnumerateArray());
        Assert.False(before.TryGetProperty("ipAddress", out _), "the provider's risk data is not the store's to read");

        var id = await parties.ReportAsync(shop, DisputeReason.DefectiveOrNotAsDescribed);
        await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/refunds", new { amount = 12_000, message = "For the scratch." }));

        var after = await DisputeParties.OkAsync(await shop.MerchantApi.GetAsync($"{Orders}/{shop.Order}"));
        var dispute = Assert.Single(after.GetProperty("disputes").EnumerateArray());
        Assert.Equal((id.ToString(), "reported", 12_000L), (dispute.GetProperty("id").GetString(), dispute.GetProperty("state").GetString(),
            dispute.GetProperty("storeRefunded").GetInt64()));
        var refund = Assert.Single(after.GetProperty("refunds").EnumerateArray());
        Assert.Equal(12_000, refund.GetProperty("amount").GetInt64());
        Assert.True(after.GetProperty("plan").GetProperty("held").GetInt64() > 0, "the dispute pauses what is left to pay");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Another_merchants_order_an_unknown_one_and_a_bad_id_are_not_found_as_problems(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var other = await parties.ShopAsync();

        var theirs = await DisputeParties.ProblemAsync(await other.MerchantApi.GetAsync($"{Orders}/{shop.Order}"), HttpStatusCode.NotFound);
        var unknown = await DisputeParties.ProblemAsync(await other.MerchantApi.GetAsync($"{Orders}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal(theirs.GetProperty("title").GetString(), unknown.GetProperty("title").GetString());
        Assert.DoesNotContain(shop.Merchant.ToString(), theirs.ToString(), StringComparison.Ordinal);
        await DisputeParties.ProblemAsync(await shop.MerchantApi.GetAsync($"{Orders}/not-an-order-id"), HttpStatusCode.NotFound);

        // The merchant's own order is there for its own key: the refusals above are about whose it is.
        await DisputeParties.OkAsync(await shop.MerchantApi.GetAsync($"{Orders}/{shop.Order}"));
    }
}

using System.Net;
using System.Net.Http.Json;
using Ombud.Commerce;
using Ombud.Disputes;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Http;

/// <summary>Settling in the store period over the API: the merchant's system writes and refunds, the shopper settles or goes on.</summary>
public sealed class StoreSettlementApiTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_merchant_messages_and_refunds_a_part_and_the_shopper_sees_it_and_settles(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.DefectiveOrNotAsDescribed);

        var merchantView = await DisputeParties.OkAsync(await shop.MerchantApi.GetAsync($"{DisputeParties.Merchant}/{id}"));
        var merchantMoves = merchantView.GetProperty("dispute").GetProperty("yourMoves").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(new[] { "message shopper", "refund in store" }, merchantMoves);

        await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/messages",
            new { text = "So sorry. We refund 120.00 for the scratch; keep the lamp." }));
        var refunded = await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/refunds",
            new { amount = 12_000, message = "For the scratch." }));
        Assert.Equal(("reported", 12_000L), (refunded.GetProperty("state").GetString()!, refunded.GetProperty("storeRefunded").GetInt64()));

        var seen = await DisputeParties.OkAsync(await shop.Shopper.GetAsync($"{DisputeParties.Shopper}/{id}"));
        Assert.Equal(12_000, seen.GetProperty("dispute").GetProperty("storeRefunded").GetInt64());
        var steps = seen.GetProperty("timeline").EnumerateArray().Select(s => (s.GetProperty("who").GetString(), s.GetProperty("move").GetString())).ToList();
        Assert.Contains(("the store", "message shopper"), steps);
        Assert.Contains(("the store", "refund in store"), steps);
        Assert.Contains("mark settled", seen.GetProperty("dispute").GetProperty("yourMoves").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("decline settlement", seen.GetProperty("dispute").GetProperty("yourMoves").EnumerateArray().Select(m => m.GetString()));

        var settled = await DisputeParties.CreatedAsync(await shop.Shopper.PostAsJsonAsync($"{DisputeParties.Shopper}/{id}/settlement", new { note = "Fine by me" }));
        Assert.Equal(("closed", "settledWithStore", 12_000L), (settled.GetProperty("state").GetString()!, settled.GetProperty("outcome").GetString()!,
            settled.GetProperty("refund").GetInt64()));
        var plan = await parties.Desk.PlanAsync(shop.Order);
        Assert.Null(plan.HeldSince);
        Assert.Equal(DisputeDesk.Total - DisputeDesk.FirstInstalment - 12_000, plan.Outstanding.Minor);
        Assert.Single(await parties.AuditAsync(id, "dispute.refund-in-store"));
        Assert.Equal(1, await parties.Desk.OutboxCountAsync("dispute.settled"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_bad_refund_is_refused_naming_the_field_and_another_merchants_dispute_is_not_found_and_nothing_changes(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var other = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.DefectiveOrNotAsDescribed);
        var refunds = $"{DisputeParties.Merchant}/{id}/refunds";
        var before = await parties.SnapshotAsync(id, shop.Order);

        var missing = await DisputeParties.ProblemAsync(await shop.MerchantApi.PostAsJsonAsync(refunds, new { message = "Here" }), HttpStatusCode.BadRequest);
        Assert.StartsWith("Required", DisputeParties.FieldError(missing, "amount"), StringComparison.Ordinal);
        var zero = await DisputeParties.ProblemAsync(await shop.MerchantApi.PostAsJsonAsync(refunds, new { amount = 0 }), HttpStatusCode.BadRequest);
        Assert.Equal("A refund must be more than nothing.", DisputeParties.FieldError(zero, "amount"));
        var tooMuch = await DisputeParties.ProblemAsync(await shop.MerchantApi.PostAsJsonAsync(refunds, new { amount = DisputeDesk.Total + 1 }), HttpStatusCode.BadRequest);
        Assert.StartsWith("At most 400.00 SEK", DisputeParties.FieldError(tooMuch, "amount"), StringComparison.Ordinal);
        var silent = await DisputeParties.ProblemAsync(await shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/messages", new { text = "" }),
            HttpStatusCode.BadRequest);
        DisputeParties.FieldError(silent, "text");
        await DisputeParties.ProblemAsync(await other.MerchantApi.PostAsJsonAsync(refunds, new { amount = 100 }), HttpStatusCode.NotFound);
        await DisputeParties.ProblemAsync(await other.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/messages", new { text = "Hi" }), HttpStatusCode.NotFound);
        var early = await DisputeParties.ProblemAsync(await shop.Shopper.PostAsJsonAsync($"{DisputeParties.Shopper}/{id}/escalation", new { }), HttpStatusCode.Conflict);
        Assert.Contains("has not answered", early.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await parties.SnapshotAsync(id, shop.Order));
        Assert.Empty(await parties.Desk.RefundsAsync(shop.Order));

        // Past the store period the merchant answers the dispute instead: a refund here is refused, naming the state.
        await parties.EscalateAsync(id);
        var escalated = await parties.SnapshotAsync(id, shop.Order);
        var late = await DisputeParties.ProblemAsync(await shop.MerchantApi.PostAsJsonAsync(refunds, new { amount = 100 }), HttpStatusCode.Conflict);
        Assert.Contains("(it is initiated)", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(escalated, await parties.SnapshotAsync(id, shop.Order));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_shopper_goes_on_after_the_store_answered_and_the_merchant_is_asked_for_its_side(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.GoodsOrServiceNotReceived);
        await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/messages",
            new { text = "Our courier says it was delivered." }));

        var goneOn = await DisputeParties.CreatedAsync(await shop.Shopper.PostAsJsonAsync($"{DisputeParties.Shopper}/{id}/escalation", new { note = "It never came." }));

        Assert.Equal("initiated", goneOn.GetProperty("state").GetString());
        Assert.True(goneOn.GetProperty("merchantDeadline").GetDateTime() > app.Clock.GetUtcNow().UtcDateTime);
        Assert.NotNull((await parties.Desk.PlanAsync(shop.Order)).HeldSince); // still paused while the merchant answers
        var merchantMoves = (await DisputeParties.OkAsync(await shop.MerchantApi.GetAsync($"{DisputeParties.Merchant}/{id}")))
            .GetProperty("dispute").GetProperty("yourMoves").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(new[] { "accept loss", "submit evidence" }, merchantMoves);
        Assert.Empty(await parties.Desk.RefundsAsync(shop.Order));
    }
}

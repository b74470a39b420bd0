using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ombud.Disputes;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Http;

/// <summary>The staff desk's list of every dispute: filters, paging, and bad filters named.</summary>
public sealed class AllDisputesApiTests
{
    private const string All = DisputeParties.Staff;

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Staff_list_every_dispute_filtered_by_state_reason_merchant_and_day_a_page_at_a_time(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var (one, two, three) = (await parties.ShopAsync(), await parties.ShopAsync(), await parties.ShopAsync());
        // A second apart: disputes reported in one millisecond have no order among themselves.
        var defective = await parties.ReportAsync(one, DisputeReason.DefectiveOrNotAsDescribed);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var escalated = await parties.ReportAsync(two, DisputeReason.GoodsOrServiceNotReceived);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var other = await parties.ReportAsync(three, DisputeReason.Other);
        await parties.EscalateAsync(escalated);
        var staff = parties.StaffApi;

        Assert.Equal([other, escalated, defective], await IdsAsync(staff, ""));
        Assert.Equal([escalated], await IdsAsync(staff, "state=initiated"));
        Assert.Equal([defective], await IdsAsync(staff, "reason=defectiveOrNotAsDescribed"));
        Assert.Equal([other], await IdsAsync(staff, $"merchant={three.Merchant}"));
        Assert.Equal([other, defective], await IdsAsync(staff, "state=reported"));
        // All three were reported on the test clock's first day; escalating one moved the clock past the store period,
        // so the two still in it are overdue (no timer runs in this host), the escalated one waits on the merchant.
        Assert.Equal(3, (await IdsAsync(staff, "from=2026-11-23&to=2026-11-23")).Count);
        Assert.Empty(await IdsAsync(staff, "from=2026-11-24"));
        Assert.Empty(await IdsAsync(staff, "to=2026-11-22"));
        Assert.Equal([other, defective], await IdsAsync(staff, "flag=overdue"));
        Assert.Empty(await IdsAsync(staff, "flag=missed"));

        var first = await staff.GetFromJsonAsync<JsonElement>($"{All}?limit=2");
        Assert.Equal([other, escalated], Ids(first));
        var next = first.GetProperty("nextCursor").GetString();
        var second = await staff.GetFromJsonAsync<JsonElement>($"{All}?limit=2&cursor={next}");
        Assert.Equal([defective], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        foreach (var (query, field) in new[]
                 {
                     ("state=lost", "state"), ("state=1", "state"), ("reason=changedMyMind", "reason"), ("merchant=acme", "merchant"),
                     ("flag=late", "flag"), ("from=2026-13-01", "from"), ("to=yesterday", "to"), ("from=2026-11-24&to=2026-11-23", "to"),
                     ("limit=0", "limit"), ("cursor=nope", "cursor"),
                 })
        {
            var response = await staff.GetAsync($"{All}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient staff, string query) =>
        Ids(await staff.GetFromJsonAsync<JsonElement>($"{All}?{query}"));

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid())];
}

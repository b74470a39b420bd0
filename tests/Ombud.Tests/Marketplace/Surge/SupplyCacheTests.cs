using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Marketplace.Surge;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Surge;

/// <summary>
/// Supply and demand is worked out once per node for a few seconds (<c>SnapshotSeconds</c>, 5 by default), however many
/// read it meanwhile (the staff page every 5 s, each waiting shopper's wait panel every 15 s); a read after that sees
/// what changed.
/// </summary>
public sealed class SupplyCacheTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task Readers_within_a_few_seconds_share_one_reading_and_a_read_after_them_works_it_out_again(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var cache = app.Services.GetRequiredService<SupplyCache>();
        var staff = await app.ClientWithKeyAsync(Scopes.Admin);
        await desk.HandOffAsync(await desk.CustomerAsync());

        // Five hundred waiting shoppers' panels at once: one reading between them.
        var together = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => cache.ReadAsync(default)));
        var first = together[0];
        await desk.HandOffAsync(await desk.CustomerAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        var within = await cache.ReadAsync(default);
        var pageWithin = await staff.GetFromJsonAsync<JsonElement>("/api/v1/staff/marketplace/supply");
        app.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var after = await cache.ReadAsync(default);
        var pageAfter = await staff.GetFromJsonAsync<JsonElement>("/api/v1/staff/marketplace/supply");

        Assert.All(together, reading => Assert.Same(first, reading));
        Assert.Same(first, within); // not worked out again: the second shopper is not in it yet
        Assert.Equal(1, first.Snapshot.Waiting);
        Assert.Equal(1, pageWithin.GetProperty("waiting").GetInt32());
        Assert.NotSame(first, after);
        Assert.Equal((2, app.Clock.GetUtcNow().UtcDateTime), (after.Snapshot.Waiting, after.Snapshot.At));
        Assert.Equal(2, pageAfter.GetProperty("waiting").GetInt32());
    }
}

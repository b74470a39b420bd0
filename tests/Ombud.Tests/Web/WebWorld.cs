using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Web;

/// <summary>
/// A small world fed in through the ingestion API, as a provider would: two customers at two merchants, sharing one
/// device and one shipping address, and Anna's parcel stuck in transit for three weeks.
/// </summary>
internal sealed record WebWorld(Guid Anna, Guid Bo, Guid Nordljud, Guid Kaffekompaniet, Guid AnnasOrder, Guid BosOrder)
{
    public const string SharedDevice = "device-7f3a-shared";

    public static async Task<WebWorld> CreateAsync(OmbudTestApp app)
    {
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var nordljud = await feed.CreateAsync("merchants", Feed.Merchant());
        var kaffe = Feed.Merchant();
        kaffe["name"] = "Kaffekompaniet";
        var kaffekompaniet = await feed.CreateAsync("merchants", kaffe);

        var anna = await feed.CreateAsync("customers", Feed.Customer());
        var bo = Feed.Customer();
        bo["name"] = "Bo Berg";
        bo["email"] = "bo.berg@example.se";
        var boId = await feed.CreateAsync("customers", bo);

        var annasOrder = Feed.Order(anna, nordljud);
        annasOrder["placedAt"] = now.AddDays(-25);
        annasOrder["deviceFingerprint"] = SharedDevice;
        var annasOrderId = await feed.CreateAsync("orders", annasOrder);

        var bosOrder = Feed.Order(boId, kaffekompaniet, plan: "payIn30Days", unitPrice: 459_000);
        bosOrder["lines"]![0]!["description"] = "Espresso machine";
        bosOrder["placedAt"] = now.AddDays(-3);
        bosOrder["deviceFingerprint"] = SharedDevice;
        var bosOrderId = await feed.CreateAsync("orders", bosOrder);

        await app.WithDbAsync(async db =>
        {
            var order = await db.Set<Order>().SingleAsync(o => o.Id == annasOrderId);
            order.Ship("PostNord", "PN-000123", now.AddDays(-21));
            return await db.SaveChangesAsync();
        });

        return new WebWorld(anna, boId, nordljud, kaffekompaniet, annasOrderId, bosOrderId);
    }
}

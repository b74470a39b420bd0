using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace;
using Ombud.Marketplace.AgentConsole;
using Ombud.Marketplace.Pay;
using Ombud.Marketplace.Surge;
using Ombud.Platform.Auth;
using Ombud.Tests.Marketplace.Pay;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Surge;

/// <summary>
/// Surge over the database: the level follows demand against supply with hysteresis, each change audited and
/// published; an offer records the multiplier of its moment and wrap-up pays it, rounded down to a minor unit.
/// </summary>
public sealed class SurgeTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_level_follows_demand_against_supply_and_falls_only_clearly_below_a_threshold(Provider provider)
    {
        var desk = await SurgeDesk.OpenAsync(provider);
        await using var app = desk.App;
        await desk.AgentAsync("Maja", AgentTier.Pro, 10, certified: true, online: true, ["en"], null, (Skill.Payments, 5));
        var quiet = await desk.ReviewAsync();
        var conversations = new List<Guid>();

        async Task<SurgeLevel> WithWaitingAsync(int count)
        {
            while (conversations.Count < count)
            {
                conversations.Add(await desk.HandOffAsync(await desk.CustomerAsync()));
            }

            while (conversations.Count > count)
            {
                await desk.CloseAsync(conversations[^1]);
                conversations.RemoveAt(conversations.Count - 1);
                await desk.DeliverAsync();
            }

            // The arrivals age out of the one-minute window: the pressure is then what is held and waiting, of 10.
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            return (await desk.ReviewAsync()).Level;
        }

        var levels = new List<SurgeLevel> { quiet.Level };
        foreach (var waiting in new[] { 6, 7, 9, 12, 11, 10, 7, 5 })
        {
            levels.Add(await WithWaitingAsync(waiting));
        }

        Assert.Equal([SurgeLevel.None, SurgeLevel.None, SurgeLevel.Busy, SurgeLevel.Surge, SurgeLevel.HighSurge, SurgeLevel.HighSurge, SurgeLevel.Surge,
            SurgeLevel.Busy, SurgeLevel.None], levels);
        // Changes only: none → busy → surge → high surge → surge → busy → none.
        Assert.Equal(6, await desk.EventsAsync(SurgeChanged.Type));
        Assert.Equal(6, await desk.AuditedAsync("marketplace.surge-changed"));

        using var staff = await app.ClientWithKeyAsync(Scopes.Admin);
        var snapshot = await staff.GetFromJsonAsync<JsonElement>("/api/v1/staff/marketplace/supply");
        Assert.Equal((5, 1, 10, "none", 1000), (snapshot.GetProperty("waiting").GetInt32(), snapshot.GetProperty("agentsOnline").GetInt32(),
            snapshot.GetProperty("capacity").GetInt32(), snapshot.GetProperty("level").GetString(), snapshot.GetProperty("multiplierPerMille").GetInt32()));
        Assert.Equal(500, snapshot.GetProperty("pressurePerMille").GetInt32());
        var byLanguage = Assert.Single(snapshot.GetProperty("waitingBy").EnumerateArray());
        Assert.Equal(("payments", "en", 5), (byLanguage.GetProperty("skill").GetString(), byLanguage.GetProperty("language").GetString(),
            byLanguage.GetProperty("count").GetInt32()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_offer_records_the_surge_of_its_moment_and_the_wrap_up_pays_it_rounded_down(Provider provider)
    {
        var desk = await SurgeDesk.OpenAsync(provider);
        await using var app = desk.App;
        var maja = await desk.AgentAsync("Maja", (Skill.Payments, 5));
        var first = await desk.HandOffAsync(await desk.CustomerAsync());
        var beforeSurge = await desk.PendingOfferAsync();
        await desk.HandOffAsync(await desk.CustomerAsync());
        await desk.HandOffAsync(await desk.CustomerAsync());
        // One offered and two waiting (and their arrivals forecast) against Maja's one place: high surge.
        var state = await desk.ReviewAsync();

        await desk.AcceptAsync(maja, beforeSurge.Id);
        await desk.RunAsync<AgentDesk, ConversationStanding>(d => d.WrapUpAsync(PayDesk.Console(maja), first, "answered", default));
        // Wrapping up freed Maja, who is offered the longest waiting place at once: made now, under surge.
        var seen = Assert.Single(await desk.RunAsync<AgentOffers, IReadOnlyList<OfferView>>(o => o.PendingAsync(maja.UserId, default)));
        var accepted = await desk.AcceptAsync(maja, seen.Id);
        await desk.RunAsync<AgentDesk, ConversationStanding>(d => d.WrapUpAsync(PayDesk.Console(maja), accepted.ConversationId!.Value, "answered", default));
        await desk.DeliverAsync();

        Assert.Equal((SurgeLevel.HighSurge, 1333), (state.Level, state.PerMille));
        Assert.Equal(1000, beforeSurge.SurgePerMille);
        Assert.Equal(1333, seen.SurgePerMille);
        var entries = await app.WithDbAsync(db => db.Set<EarningsEntry>().AsNoTracking().Where(e => e.AgentId == maja.Id).ToListAsync());
        var plain = Assert.Single(entries, e => e.ConversationId == first);
        Assert.Equal((1000, 0L, 5500L), (plain.SurgePerMille, plain.SurgeMinor, plain.TotalMinor));
        var surged = Assert.Single(entries, e => e.ConversationId == accepted.ConversationId);
        // (4000 base + 1500 payments) × 333 / 1000 = 1831.5, rounded down to a whole öre.
        Assert.Equal((1333, 1831L, 7331L, "SEK"), (surged.SurgePerMille, surged.SurgeMinor, surged.TotalMinor, surged.Currency));
        Assert.Contains("surge ×1.333 when offered", surged.Note, StringComparison.Ordinal);
    }
}

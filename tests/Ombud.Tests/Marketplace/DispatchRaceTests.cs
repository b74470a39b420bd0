using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// Two nodes on one PostgreSQL dispatch, accept and free agents at the same moments: never two agents on one
/// conversation, never an agent above capacity, and the agents' counters agree with their offers and conversations.
/// </summary>
public sealed class DispatchRaceTests
{
    private const int Agents = 4, Capacity = 2, HandOffs = 24;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // Lost races are retried once a claim's lease runs out; countdowns long enough that none expires meanwhile.
        ["Ombud:Events:LeaseSeconds"] = "1",
        ["Ombud:Marketplace:OfferSeconds"] = "3600",
    };

    [Fact]
    public async Task Two_dispatchers_racing_on_one_postgres_never_put_two_agents_on_a_conversation_or_an_agent_above_capacity()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        await using var one = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart, settings: Settings);
        await using var two = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart, settings: Settings);
        var desks = new[] { await MarketDesk.OpenAsync(one), await MarketDesk.OpenAsync(two) };
        var agents = new List<TestAgent>();
        for (var i = 0; i < Agents; i++)
        {
            agents.Add(await desks[0].AgentAsync($"Agent{i}", AgentTier.Pro, Capacity, certified: true, online: true, ["en"], null, (Skill.Payments, 3 + i % 3)));
        }

        var conversations = new List<Guid>();
        for (var i = 0; i < HandOffs; i++)
        {
            conversations.Add(await desks[i % 2].HandOffAsync(await desks[0].CustomerAsync(), deliver: false));
        }

        await BothAsync(desks, DrainAsync);
        for (var round = 0; round < 8 && await OpenPlacesAsync(one) > 0; round++)
        {
            await BothAsync(desks, DrainAsync);
            await CheckAsync(one, agents);
            // Each node accepts every pending offer at once, so every offer is answered twice, by two nodes.
            var pending = (await desks[0].OffersAsync()).Where(o => o.Status == OfferStatus.Pending).ToList();
            await BothAsync(desks, desk => Task.WhenAll(pending.Select(o => Task.Run(() =>
                desk.RunReadAsync<AgentOffers, Ombud.Platform.Outcome<OfferView>>(a => a.AcceptAsync(agents.Single(x => x.Id == o.AgentId).UserId, o.Id, default))))));
            await CheckAsync(one, agents);
            // Every agent's conversations end together, half on each node: freed agents race for the waiting places.
            var held = (await desks[0].QueueAsync()).Where(e => e.Status == QueueEntryStatus.Assigned).Select(e => e.ConversationId).ToList();
            await Task.WhenAll(held.Select((c, i) => Task.Run(() => desks[i % 2].CloseAsync(c))));
        }

        await BothAsync(desks, DrainAsync);
        await CheckAsync(one, agents);
        var accepted = (await desks[0].OffersAsync()).Where(o => o.Status == OfferStatus.Accepted).ToList();
        Assert.Equal(HandOffs, accepted.Count);
        Assert.Equal(HandOffs, accepted.Select(o => o.QueueEntryId).Distinct().Count());
        Assert.All(await desks[0].QueueAsync(), e => Assert.Equal(QueueEntryStatus.Finished, e.Status));
    }

    [Fact]
    public async Task A_dispatcher_passes_over_an_agent_another_node_is_offering_work_to_instead_of_waiting_for_it()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Postgres, settings: Settings);
        var desk = await MarketDesk.OpenAsync(app);
        var best = await desk.AgentAsync("Best", (Skill.Payments, 5));
        var next = await desk.AgentAsync("Next", (Skill.Payments, 3));
        var customer = await desk.CustomerAsync();

        // Another node's dispatcher is mid-batch with the best agent: it holds their row until its batch commits. Waiting
        // for it held this batch's own locks as long, and lost the version check after; under a burst on two nodes every
        // dispatcher queued behind the same best agent and dispatch all but stopped (TwoNodeDispatchTests found it).
        await using var batch = await HeldAgentRow.HoldAsync(app.Database, best.Id);

        // A bound on waiting for a lock that is never released while the hand-off is delivered, not a speed target.
        await desk.HandOffAsync(customer).WaitAsync(TimeSpan.FromMinutes(1));
        var offer = await desk.PendingOfferAsync();
        await batch.ReleaseAsync();

        Assert.Equal(next.Id, offer.AgentId);
        Assert.Equal((1, 0), await LoadAsync(desk, next));
        Assert.Equal((0, 0), await LoadAsync(desk, best));
    }

    private static async Task<(int Pending, int Active)> LoadAsync(MarketDesk desk, TestAgent agent) =>
        await desk.AgentRowAsync(agent.Id) is var row ? (row.PendingOffers, row.ActiveConversations) : default;

    /// <summary>Delivers every event, retrying the deliveries that lost a race once their lease has run out.</summary>
    private static async Task DrainAsync(MarketDesk desk)
    {
        for (var pass = 0; pass < 50; pass++)
        {
            await desk.DeliverAsync();
            if (await desk.App.WithDbAsync(db => db.Set<EventDelivery>().CountAsync(d => d.Status != WorkStatus.Done)) == 0)
            {
                return;
            }

            desk.App.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Fail("Event deliveries are still pending after 50 passes.");
    }

    private static Task BothAsync(MarketDesk[] desks, Func<MarketDesk, Task> work) => Task.WhenAll(desks.Select(d => Task.Run(() => work(d))));

    private static Task<int> OpenPlacesAsync(OmbudTestApp app) =>
        app.WithDbAsync(db => db.Set<QueueEntry>().CountAsync(e => e.Status != QueueEntryStatus.Finished));

    /// <summary>What must hold whatever the nodes did: one agent per conversation, no agent above capacity, counters true.</summary>
    private static async Task CheckAsync(OmbudTestApp app, IReadOnlyList<TestAgent> agents)
    {
        var offers = await app.WithDbAsync(db => db.Set<Offer>().AsNoTracking().ToListAsync());
        var places = await app.WithDbAsync(db => db.Set<QueueEntry>().AsNoTracking().ToListAsync());
        var holders = await app.WithDbAsync(db => db.Set<Ombud.Conversations.Conversation>().AsNoTracking()
            .ToDictionaryAsync(c => c.Id, c => c.AgentId));
        foreach (var place in places)
        {
            Assert.True(offers.Count(o => o.QueueEntryId == place.Id && o.Status == OfferStatus.Accepted) <= 1, $"place {place.Id} accepted twice");
            Assert.True(offers.Count(o => o.QueueEntryId == place.Id && o.Status == OfferStatus.Pending) <= 1, $"place {place.Id} offered twice at once");
            if (place.Status == QueueEntryStatus.Assigned)
            {
                var agent = agents.Single(a => a.Id == place.AgentId);
                Assert.Equal(agent.UserId, holders[place.ConversationId]);
            }
        }

        foreach (var agent in agents)
        {
            var row = await app.WithDbAsync(db => db.Set<Agent>().AsNoTracking().SingleAsync(a => a.Id == agent.Id));
            var pending = offers.Count(o => o.AgentId == agent.Id && o.Status == OfferStatus.Pending);
            var holding = places.Count(p => p.AgentId == agent.Id && p.Status == QueueEntryStatus.Assigned);
            Assert.True(pending + holding <= Capacity, $"{agent.Name} holds {holding} and has {pending} offers, above {Capacity}");
            Assert.Equal((pending, holding), (row.PendingOffers, row.ActiveConversations));
        }
    }
}

using Ombud.Conversations;
using Ombud.Marketplace;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace;

/// <summary>One shopper holds one place in the queue; a hand-off nobody can take now still waits, and is looked at again.</summary>
public sealed class QueuePlaceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_second_hand_off_of_a_waiting_shopper_takes_over_their_place_and_keeps_its_time(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var shopper = await desk.CustomerAsync();
        var first = await desk.HandOffAsync(shopper);
        var placed = Assert.Single(await desk.QueueAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var second = await desk.HandOffAsync(shopper, intent: null, reason: HandOffReason.Vulnerability, priority: 0);

        var place = Assert.Single(await desk.QueueAsync());
        Assert.Equal((placed.Id, placed.EnqueuedAt), (place.Id, place.EnqueuedAt));
        Assert.Equal(second, place.ConversationId);
        Assert.Equal(Skill.VulnerableCustomers, place.Skill);
        Assert.True(place.Urgency.HasFlag(HandOffUrgency.Vulnerable));
        // The earlier conversation is the assistant's again; the shopper waits in one place, in the newer one.
        Assert.Equal(ConversationHolder.Assistant, (await desk.TranscriptAsync(first))!.Holding.Holder);
        Assert.Equal(ConversationHolder.Queue, (await desk.TranscriptAsync(second))!.Holding.Holder);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task With_nobody_online_a_hand_off_waits_and_is_offered_to_the_first_agent_who_comes_online(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var agent = await desk.AgentAsync("Late", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 3));

        await desk.HandOffAsync(await desk.CustomerAsync());
        var reviewed = await desk.AfterAsync(TimeSpan.FromMinutes(5));
        var before = await desk.OffersAsync();
        await desk.GoOnlineAsync(agent.Id);

        Assert.Empty(before);
        Assert.True(reviewed.GetValueOrDefault("marketplace.queue-review") == 0, "a review with nobody online offers nothing");
        Assert.Equal(agent.Id, (await desk.PendingOfferAsync()).AgentId);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_conversation_that_ends_while_offered_leaves_the_queue_and_its_offer_is_withdrawn(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var agent = await desk.AgentAsync("Agent", (Skill.Payments, 3));
        var conversation = await desk.HandOffAsync(await desk.CustomerAsync());
        var offer = await desk.PendingOfferAsync();

        await desk.CloseAsync(conversation);
        await desk.DeliverAsync();
        var answer = await desk.RunReadAsync<AgentOffers, Ombud.Platform.Outcome<OfferView>>(o => o.AcceptAsync(agent.UserId, offer.Id, default));

        Assert.Equal(QueueEntryStatus.Withdrawn, Assert.Single(await desk.QueueAsync()).Status);
        Assert.Equal(OfferStatus.Withdrawn, Assert.Single(await desk.OffersAsync()).Status);
        Assert.IsType<Ombud.Platform.Conflict>(answer.Error);
        Assert.Equal(0, (await desk.AgentRowAsync(agent.Id)).PendingOffers);
    }
}

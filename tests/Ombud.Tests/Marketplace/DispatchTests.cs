using Microsoft.Extensions.DependencyInjection;
using Ombud.Conversations;
using Ombud.Marketplace;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// A hand-off reaches the best fitting online agent as an offer with a countdown; a rejection or a timeout sends it to
/// the next; criteria widen with the wait and staff take what nobody else fits; capacity and certification hold.
/// </summary>
public sealed class DispatchTests
{
    private static readonly TimeSpan Countdown = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_hand_off_is_offered_at_once_to_the_best_fitting_agent_with_a_20_second_countdown(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        await desk.AgentAsync("Returns expert", (Skill.Returns, 5));
        await desk.AgentAsync("Payments junior", (Skill.Payments, 3));
        var expert = await desk.AgentAsync("Payments expert", (Skill.Payments, 5));

        await desk.HandOffAsync(await desk.CustomerAsync(), intent: "charged_twice");

        var offer = await desk.PendingOfferAsync();
        Assert.Equal(expert.Id, offer.AgentId);
        Assert.Equal(Countdown, offer.ExpiresAt - offer.OfferedAt);
        var place = Assert.Single(await desk.QueueAsync());
        Assert.Equal((QueueEntryStatus.Offered, Skill.Payments), (place.Status, place.Skill));
        Assert.Equal(1, (await desk.AgentRowAsync(expert.Id)).PendingOffers);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_offer_that_expires_while_its_agents_answer_is_already_in_the_server_does_not_set_them_away(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var first = await desk.AgentAsync("First", (Skill.Payments, 5));
        var second = await desk.AgentAsync("Second", (Skill.Payments, 4));
        await desk.HandOffAsync(await desk.CustomerAsync());
        var toFirst = await desk.PendingOfferAsync();
        var answers = app.Services.GetRequiredService<AnswersInFlight>();

        // First's answer reached the node in time and waits (for the writer, say) while the countdown ends.
        Dictionary<Guid, OfferStatus> afterFirst;
        using (answers.Arrive(toFirst.Id, first.UserId))
        {
            await desk.AfterAsync(Countdown);
            afterFirst = (await desk.OffersAsync()).ToDictionary(o => o.AgentId, o => o.Status);
        }

        var firstAfterExpiry = await desk.AgentRowAsync(first.Id);

        // Second's countdown ends with no answer at all.
        await desk.AfterAsync(Countdown);

        Assert.Equal(new Dictionary<Guid, OfferStatus> { [first.Id] = OfferStatus.Expired, [second.Id] = OfferStatus.Pending }, afterFirst);
        Assert.Equal((AgentStatus.Online, 0), (firstAfterExpiry.Status, firstAfterExpiry.PendingOffers));
        Assert.Equal(AgentStatus.Away, (await desk.AgentRowAsync(second.Id)).Status);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_rejected_offer_goes_to_the_next_candidate_at_once_and_an_unanswered_one_when_its_countdown_ends(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var first = await desk.AgentAsync("First", (Skill.Payments, 5));
        var second = await desk.AgentAsync("Second", (Skill.Payments, 4));
        var third = await desk.AgentAsync("Third", (Skill.Payments, 3));
        var conversation = await desk.HandOffAsync(await desk.CustomerAsync());

        await desk.RejectAsync(first, (await desk.PendingOfferAsync()).Id);
        var toSecond = await desk.PendingOfferAsync();
        var early = await desk.AfterAsync(Countdown - TimeSpan.FromSeconds(1));
        var stillSecond = await desk.PendingOfferAsync();
        var due = await desk.AfterAsync(TimeSpan.FromSeconds(1));
        var toThird = await desk.PendingOfferAsync();
        var accepted = await desk.AcceptAsync(third, toThird.Id);

        Assert.Equal(second.Id, toSecond.AgentId);
        Assert.Equal(0, early.GetValueOrDefault("marketplace.offer-expiry"));
        Assert.Equal(toSecond.Id, stillSecond.Id);
        Assert.Equal(1, due["marketplace.offer-expiry"]);
        Assert.Equal(third.Id, toThird.AgentId);
        var answers = (await desk.OffersAsync()).ToDictionary(o => o.AgentId, o => o.Status);
        Assert.Equal(new Dictionary<Guid, OfferStatus> { [first.Id] = OfferStatus.Rejected, [second.Id] = OfferStatus.Expired, [third.Id] = OfferStatus.Accepted }, answers);
        // Who let an offer run out is probably not at the keyboard: no more offers until they are back.
        Assert.Equal(AgentStatus.Away, (await desk.AgentRowAsync(second.Id)).Status);
        Assert.Equal(0, (await desk.AgentRowAsync(second.Id)).PendingOffers);
        Assert.Equal(conversation, accepted.ConversationId);
        var transcript = (await desk.TranscriptAsync(conversation))!;
        Assert.Equal((ConversationHolder.Agent, third.UserId), (transcript.Holding.Holder, transcript.Holding.AgentId));
        Assert.Equal((1, 0), ((await desk.AgentRowAsync(third.Id)).ActiveConversations, (await desk.AgentRowAsync(third.Id)).PendingOffers));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agent_gets_no_offer_for_a_skill_an_admin_has_not_certified(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var claimed = await desk.AgentAsync("Claims payments", AgentTier.Pro, 1, certified: false, online: true, ["en"], null, (Skill.Payments, 5));

        await desk.HandOffAsync(await desk.CustomerAsync());
        var before = await desk.OffersAsync();
        await desk.RunAsync<AgentDirectory, AgentSkillView>(d => d.CertifyAsync(claimed.Id, "payments", 4, "user:admin", default));
        await desk.AfterAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(before);
        Assert.Equal(QueueEntryStatus.Offered, Assert.Single(await desk.QueueAsync()).Status);
        Assert.Equal(claimed.Id, (await desk.PendingOfferAsync()).AgentId);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agent_at_capacity_gets_no_more_offers_and_the_longest_waiting_hand_off_when_a_conversation_ends(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var agent = await desk.AgentAsync("Solo", AgentTier.Pro, 2, certified: true, online: true, ["en"], null, (Skill.Payments, 4));
        var conversations = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            conversations.Add(await desk.HandOffAsync(await desk.CustomerAsync()));
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var offered = (await desk.OffersAsync()).ToList();
        foreach (var offer in offered)
        {
            await desk.AcceptAsync(agent, offer.Id);
        }

        var atCapacity = await desk.AgentRowAsync(agent.Id);
        await desk.CloseAsync(conversations[0]);
        await desk.DeliverAsync();
        var next = await desk.PendingOfferAsync();

        Assert.Equal(2, offered.Count);
        Assert.Equal((2, 0), (atCapacity.ActiveConversations, atCapacity.PendingOffers));
        // Conversation 2 waited longer than conversation 3.
        var place = Assert.Single(await desk.QueueAsync(), e => e.Id == next.QueueEntryId);
        Assert.Equal(conversations[2], place.ConversationId);
        Assert.Equal(QueueEntryStatus.Finished, Assert.Single(await desk.QueueAsync(), e => e.ConversationId == conversations[0]).Status);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agent_who_frees_up_passes_over_the_hand_off_they_declined_a_moment_ago_for_the_next_one(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var agent = await desk.AgentAsync("Solo", (Skill.Payments, 4));
        var declined = await desk.HandOffAsync(await desk.CustomerAsync());
        await desk.RejectAsync(agent, (await desk.PendingOfferAsync()).Id);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var held = await desk.HandOffAsync(await desk.CustomerAsync());
        await desk.AcceptAsync(agent, (await desk.PendingOfferAsync()).Id);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var later = await desk.HandOffAsync(await desk.CustomerAsync());

        await desk.CloseAsync(held);
        await desk.DeliverAsync();
        var next = await desk.PendingOfferAsync();

        // The declined one waited longest, but is not offered to them again this soon; the one after it is.
        var place = Assert.Single(await desk.QueueAsync(), e => e.Id == next.QueueEntryId);
        Assert.Equal((agent.Id, later), (next.AgentId, place.ConversationId));
        Assert.Equal(QueueEntryStatus.Waiting, Assert.Single(await desk.QueueAsync(), e => e.ConversationId == declined).Status);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task While_the_best_agents_are_busy_the_criteria_widen_with_the_wait_and_staff_take_it_last(Provider provider)
    {
        // Those who declined stay out for the whole test (by default they may be offered it again after two minutes).
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["Ombud:Marketplace:RetryDeclinedAfterSeconds"] = "600" });
        var desk = await MarketDesk.OpenAsync(app);
        var expert = await desk.AgentAsync("Expert", (Skill.Payments, 5));
        await desk.AcceptAsync(expert, (await FirstOfferAsync(desk)).Id);
        var junior = await desk.AgentAsync("Junior", (Skill.Payments, 1));
        var returns = await desk.AgentAsync("Returns", (Skill.Returns, 5));
        var staff = await desk.AgentAsync("Staff", AgentTier.Staff, 3, certified: true, online: true, ["en"], null);

        await desk.HandOffAsync(await desk.CustomerAsync());
        var atFirst = await desk.OffersAsync();
        await desk.AfterAsync(TimeSpan.FromSeconds(30));
        var toJunior = await desk.PendingOfferAsync();
        await desk.RejectAsync(junior, toJunior.Id);
        await desk.AfterAsync(TimeSpan.FromSeconds(60));
        var toReturns = await desk.PendingOfferAsync();
        await desk.RejectAsync(returns, toReturns.Id);
        await desk.AfterAsync(TimeSpan.FromSeconds(90));
        var toStaff = await desk.PendingOfferAsync();

        Assert.Single(atFirst);
        Assert.Equal(junior.Id, toJunior.AgentId);
        Assert.Equal(returns.Id, toReturns.AgentId);
        Assert.Equal(staff.Id, toStaff.AgentId);

        static async Task<Offer> FirstOfferAsync(MarketDesk desk)
        {
            await desk.HandOffAsync(await desk.CustomerAsync());
            return await desk.PendingOfferAsync();
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_fraud_claim_with_no_fraud_specialist_online_goes_to_staff_at_once_never_to_a_generalist(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        await desk.AgentAsync("Generalist", (Skill.Payments, 5), (Skill.Returns, 5), (Skill.Disputes, 5));
        var staff = await desk.AgentAsync("Staff", AgentTier.Staff, 3, certified: true, online: true, ["en"], null);

        await desk.HandOffAsync(await desk.CustomerAsync(), intent: "unauthorised_purchase", reason: HandOffReason.FraudClaim, priority: 0);

        Assert.Equal(staff.Id, (await desk.PendingOfferAsync()).AgentId);
        var place = Assert.Single(await desk.QueueAsync());
        Assert.Equal(Skill.FraudFirstResponse, place.Skill);
        Assert.True(place.Urgency.HasFlag(HandOffUrgency.Fraud));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agent_is_never_offered_their_own_account(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var shopper = await desk.CustomerAsync();
        await desk.AgentAsync("Also a shopper", AgentTier.Pro, 1, certified: true, online: true, ["en"], shopper, (Skill.Payments, 5));
        var other = await desk.AgentAsync("Other", (Skill.Payments, 3));

        await desk.HandOffAsync(shopper);

        Assert.Equal(other.Id, (await desk.PendingOfferAsync()).AgentId);
    }
}

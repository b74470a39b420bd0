using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace;
using Ombud.Marketplace.Dispatch;
using Ombud.Platform;
using Ombud.Platform.Events;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// An arriving hand-off is chosen for before its unit of work (the delivery's read step) and offered in it: what
/// changed in between (the chosen agent went away, somebody came online) is settled in the unit of work, and a place
/// that nobody can take waits with its review timer, never without one.
/// </summary>
public sealed class DispatchChoiceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_hand_off_whose_chosen_agent_went_away_before_its_unit_of_work_goes_to_the_next_one_chosen(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var junior = await desk.AgentAsync("Payments junior", (Skill.Payments, 3));
        var expert = await desk.AgentAsync("Payments expert", (Skill.Payments, 5));
        await using var arrival = await ArrivalAsync(desk);

        await arrival.ReadAsync();
        await desk.GoOfflineAsync(expert.Id);
        await arrival.HandleAsync();

        var offer = await desk.PendingOfferAsync();
        Assert.Equal(junior.Id, offer.AgentId);
        Assert.Equal(QueueEntryStatus.Offered, Assert.Single(await desk.QueueAsync()).Status);
        Assert.Equal((0, 1), ((await desk.AgentRowAsync(expert.Id)).PendingOffers, (await desk.AgentRowAsync(junior.Id)).PendingOffers));
        Assert.Empty(await ReviewsAsync(desk));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_hand_off_whose_only_chosen_agent_went_away_before_its_unit_of_work_waits_with_its_review_timer(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var agent = await desk.AgentAsync("Solo", (Skill.Payments, 5));
        await using var arrival = await ArrivalAsync(desk);

        await arrival.ReadAsync();
        await desk.GoOfflineAsync(agent.Id);
        await arrival.HandleAsync();

        Assert.Empty(await desk.OffersAsync());
        Assert.Equal(0, (await desk.AgentRowAsync(agent.Id)).PendingOffers);
        var waiting = Assert.Single(await desk.QueueAsync());
        Assert.Equal(QueueEntryStatus.Waiting, waiting.Status);
        Assert.Equal(waiting.Id.ToString(), Assert.Single(await ReviewsAsync(desk)).EntityId);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_place_that_waited_with_its_review_timer_loses_the_review_when_an_agent_coming_online_is_offered_it(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var agent = await desk.AgentAsync("Back soon", (Skill.Payments, 5));
        await using var arrival = await ArrivalAsync(desk);
        await arrival.ReadAsync();
        await desk.GoOfflineAsync(agent.Id);
        await arrival.HandleAsync();
        var waiting = Assert.Single(await desk.QueueAsync());
        Assert.Equal(waiting.Id.ToString(), Assert.Single(await ReviewsAsync(desk)).EntityId);

        await desk.GoOnlineAsync(agent.Id);

        Assert.Equal((agent.Id, waiting.Id), ((await desk.PendingOfferAsync()).AgentId, (await desk.PendingOfferAsync()).QueueEntryId));
        Assert.Empty(await ReviewsAsync(desk));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_hand_off_read_with_nobody_free_is_offered_at_once_to_an_agent_who_came_online_before_its_unit_of_work(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var agent = await desk.AgentAsync("Late", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        await using var arrival = await ArrivalAsync(desk);

        await arrival.ReadAsync();
        await desk.GoOnlineAsync(agent.Id);
        await arrival.HandleAsync();

        Assert.Equal(agent.Id, (await desk.PendingOfferAsync()).AgentId);
        Assert.Equal(QueueEntryStatus.Offered, Assert.Single(await desk.QueueAsync()).Status);
        Assert.Empty(await ReviewsAsync(desk));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agent_freeing_up_is_offered_the_next_place_chosen_when_the_first_was_taken_before_their_unit_of_work(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var busy = await desk.AgentAsync("Busy", (Skill.Payments, 5));
        var late = await desk.AgentAsync("Late", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        await desk.HandOffAsync(await desk.CustomerAsync());
        await desk.AcceptAsync(busy, (await desk.PendingOfferAsync()).Id);
        var first = await desk.HandOffAsync(await desk.CustomerAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await desk.HandOffAsync(await desk.CustomerAsync());
        var places = (await desk.QueueAsync()).ToDictionary(e => e.ConversationId, e => e.Id);
        await using var scope = app.Services.CreateAsyncScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<Dispatcher>();

        // Chosen as a wrap-up does, before its unit of work: the seat it frees takes the longest waiting place first.
        var chosen = await dispatcher.ChooseForAgentAsync(busy.Id, freed: 1, default);
        // Meanwhile another agent comes online and takes that place.
        await desk.GoOnlineAsync(late.Id);
        var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
        var offered = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(async ct =>
        {
            (await db.Set<Agent>().FindAsync([busy.Id], ct))!.ConversationEnded(app.Clock.GetUtcNow().UtcDateTime);
            return (Outcome<int>)await dispatcher.OfferToAgentAsync(busy.Id, ct, chosen);
        }, default);

        Assert.Equal([places[first], places[second]], chosen);
        Assert.Equal(1, offered.Value);
        var pending = (await desk.OffersAsync()).Where(o => o.Status == OfferStatus.Pending).ToDictionary(o => o.QueueEntryId, o => o.AgentId);
        Assert.Equal(new Dictionary<Guid, Guid> { [places[first]] = late.Id, [places[second]] = busy.Id }, pending);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agent_freeing_up_whose_chosen_place_was_taken_is_offered_a_fitting_place_behind_a_long_head_they_do_not_fit(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var busy = await desk.AgentAsync("Busy", AgentTier.Pro, 1, certified: true, online: true, ["en"], null, (Skill.Payments, 5));
        await desk.AgentAsync("Returns", AgentTier.Pro, 1, certified: true, online: true, ["en"], null, (Skill.Returns, 5));
        var late = await desk.AgentAsync("Late", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        await desk.HandOffAsync(await desk.CustomerAsync(), intent: "charged_twice");
        await desk.AcceptAsync(busy, (await desk.PendingOfferAsync()).Id);
        // More returns waiting than the head a wrap-up's unit of work reads first (the first one is offered to the returns agent).
        for (var i = 0; i < 41; i++)
        {
            await desk.HandOffAsync(await desk.CustomerAsync(), intent: "report_return");
        }

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var first = await desk.HandOffAsync(await desk.CustomerAsync(), intent: "charged_twice");
        await using var scope = app.Services.CreateAsyncScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<Dispatcher>();
        var chosen = await dispatcher.ChooseForAgentAsync(busy.Id, freed: 1, default);
        // Meanwhile another agent takes the place chosen, and a payments place arrives behind the returns.
        await desk.GoOnlineAsync(late.Id);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await desk.HandOffAsync(await desk.CustomerAsync(), intent: "charged_twice");
        var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
        var offered = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(async ct =>
        {
            (await db.Set<Agent>().FindAsync([busy.Id], ct))!.ConversationEnded(app.Clock.GetUtcNow().UtcDateTime);
            return (Outcome<int>)await dispatcher.OfferToAgentAsync(busy.Id, ct, chosen);
        }, default);

        var places = (await desk.QueueAsync()).ToDictionary(e => e.ConversationId, e => e.Id);
        Assert.Equal([places[first]], chosen);
        Assert.Equal(40, (await desk.QueueAsync()).Count(e => e.Status == QueueEntryStatus.Waiting));
        Assert.Equal(1, offered.Value);
        var pending = (await desk.OffersAsync()).Where(o => o.Status == OfferStatus.Pending).ToDictionary(o => o.QueueEntryId, o => o.AgentId);
        Assert.Equal(late.Id, pending[places[first]]);
        Assert.Equal(busy.Id, pending[places[second]]);
    }

    /// <summary>A shopper's hand-off, its event not delivered: the marketplace's handler of it in a scope of its own, run by hand.</summary>
    private static async Task<Arrival> ArrivalAsync(MarketDesk desk)
    {
        await desk.HandOffAsync(await desk.CustomerAsync(), intent: "charged_twice", deliver: false);
        var message = await desk.App.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == ConversationHandedOff.Type)
            .Select(m => new EventMessage(m.Id, m.Type, m.Version, m.OccurredAt, m.Payload)).SingleAsync());
        return new Arrival(desk.App.Services.CreateAsyncScope(), message);
    }

    private static Task<List<DurableTimer>> ReviewsAsync(MarketDesk desk) =>
        desk.App.WithDbAsync(db => db.Set<DurableTimer>().AsNoTracking().Where(t => t.Kind == Dispatcher.QueueReviewKind).ToListAsync());

    /// <summary>The delivery's two steps as the event dispatcher runs them: the read step with no unit of work, then the unit of work.</summary>
    private sealed class Arrival(AsyncServiceScope scope, EventMessage message) : IAsyncDisposable
    {
        private readonly HandOffArrivals _handler = scope.ServiceProvider.GetRequiredService<HandOffArrivals>();

        public Task ReadAsync() => _handler.ReadAsync(message, default);

        public async Task HandleAsync() =>
            Assert.True((await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(ct => _handler.HandleAsync(message, ct), default)).Succeeded);

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}

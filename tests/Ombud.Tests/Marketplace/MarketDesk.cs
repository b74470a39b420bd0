using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce.Ingestion;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Timers;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// What the marketplace tests do with the product's own services: agents signed up, certified and online; shoppers
/// who hand their conversation to a person; the background's work run by hand (events, timers) on the test clock.
/// </summary>
internal sealed class MarketDesk(OmbudTestApp app, Feed feed)
{
    private int _people;

    public OmbudTestApp App => app;

    public static async Task<MarketDesk> OpenAsync(OmbudTestApp app) => new(app, new Feed(await app.ClientWithKeyAsync(Scopes.Ingest)));

    /// <summary>A person in role agent, registered as an agent with the skills given, each certified unless told otherwise, online.</summary>
    public async Task<TestAgent> AgentAsync(string name, params (Skill Skill, int Level)[] skills) =>
        await AgentAsync(name, AgentTier.Pro, 1, certified: true, online: true, ["en"], null, skills);

    public async Task<TestAgent> AgentAsync(string name, AgentTier tier, int maxConversations, bool certified, bool online, string[] languages,
        Guid? ownCustomer, params (Skill Skill, int Level)[] skills)
    {
        var email = $"{new string([.. name.ToLowerInvariant().Replace(' ', '-').Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')])}-{++_people}@agents.example";
        var user = await People.CreateAsync(app, email, Roles.Agent, customerId: ownCustomer);
        var agent = await RunAsync<AgentDirectory, Agent>(d => d.RegisterAsync(new AgentRegistration(user.Id, name, tier, languages, maxConversations,
            skills.ToDictionary(s => s.Skill, s => s.Level)), default));
        if (certified)
        {
            foreach (var (skill, level) in skills)
            {
                await RunAsync<AgentDirectory, AgentSkillView>(d => d.CertifyAsync(agent.Id, skill.ToString(), level, "user:admin", default));
            }
        }

        if (online)
        {
            await GoOnlineAsync(agent.Id);
        }

        return new TestAgent(agent.Id, user.Id, email, name);
    }

    public Task GoOnlineAsync(Guid agentId) => RunAsync<AgentDirectory, Agent>(d => d.GoOnlineAsync(agentId, default));

    public Task GoOfflineAsync(Guid agentId) => RunAsync<AgentDirectory, Agent>(d => d.GoOfflineAsync(agentId, default));

    public Task<Guid> CustomerAsync() => feed.CreateAsync("customers", Feed.Customer());

    /// <summary>A shopper's conversation handed to a person, and its event handed to the subscribers (the marketplace).</summary>
    public async Task<Guid> HandOffAsync(Guid customer, string? intent = "balance", HandOffReason reason = HandOffReason.Requested, int priority = 2,
        bool deliver = true)
    {
        var conversation = await RunAsync<ConversationService, Guid>(c => c.StartAsync(customer, "en", null, default));
        await RunAsync<ConversationService, HandOffRecord>(c => c.HandOffAsync(conversation,
            new HandOffBrief(reason, priority, "The shopper asked for a person.", intent, "", "", "en"), default));
        if (deliver)
        {
            await DeliverAsync();
        }

        return conversation;
    }

    /// <summary>One pass of the event dispatcher, as the background loop runs it.</summary>
    public Task<int> DeliverAsync() => app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(null, default);

    /// <summary>Moves the clock on and fires the timers due, as the background loop would; then delivers what they published.</summary>
    public async Task<IReadOnlyDictionary<string, int>> AfterAsync(TimeSpan wait)
    {
        app.Clock.Advance(wait);
        var fired = await app.Services.GetRequiredService<TimerRun>().RunOnceAsync(null, default);
        await DeliverAsync();
        return fired;
    }

    public Task<List<Offer>> OffersAsync() => app.WithDbAsync(db => db.Set<Offer>().AsNoTracking().OrderBy(o => o.OfferedAt).ThenBy(o => o.Id).ToListAsync());

    public async Task<Offer> PendingOfferAsync() => Assert.Single(await OffersAsync(), o => o.Status == OfferStatus.Pending);

    public Task<List<QueueEntry>> QueueAsync() => app.WithDbAsync(db => db.Set<QueueEntry>().AsNoTracking().ToListAsync());

    public Task<Agent> AgentRowAsync(Guid id) => app.WithDbAsync(db => db.Set<Agent>().AsNoTracking().SingleAsync(a => a.Id == id));

    public Task<ConversationTranscript?> TranscriptAsync(Guid conversation) =>
        RunReadAsync<ConversationService, ConversationTranscript?>(c => c.TranscriptAsync(conversation, null, default));

    public Task<OfferView> AcceptAsync(TestAgent agent, Guid offer) => RunAsync<AgentOffers, OfferView>(o => o.AcceptAsync(agent.UserId, offer, default));

    public Task<OfferView> RejectAsync(TestAgent agent, Guid offer) => RunAsync<AgentOffers, OfferView>(o => o.RejectAsync(agent.UserId, offer, default));

    public Task<ConversationStanding> CloseAsync(Guid conversation) => RunAsync<ConversationService, ConversationStanding>(c => c.CloseAsync(conversation, default));

    /// <summary>A signed-in browser session of the agent, for the API.</summary>
    public async Task<HttpClient> SignInAsync(TestAgent agent)
    {
        var session = new WebSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(agent.Email, People.Password)).StatusCode);
        return session.Http;
    }

    /// <summary>Runs a use case of <typeparamref name="TService"/> in a scope of its own, as one request would, and insists it succeeded.</summary>
    public async Task<T> RunAsync<TService, T>(Func<TService, Task<Outcome<T>>> use)
        where TService : notnull
    {
        var outcome = await RunReadAsync(use);
        Assert.True(outcome.Succeeded, outcome.Error?.Detail);
        return outcome.Value!;
    }

    public async Task<T> RunReadAsync<TService, T>(Func<TService, Task<T>> use)
        where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

internal sealed record TestAgent(Guid Id, string UserId, string Email, string Name);

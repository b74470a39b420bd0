using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace.Api;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.AgentConsole;

/// <summary>
/// An agent's live connection (<c>/hubs/agents</c>, role agent): presence (online, away, offline, heartbeats), the desk
/// pushed as <c>desk</c> whenever it changes on any node (an offer made with its expiry, withdrawn when it expires),
/// and the chats they hold, each followed as <c>news</c>. Every method acts for the agent the sign-in names; the
/// connection never takes an agent id from the client. Closing the connection does not set the agent offline at once:
/// <see cref="Presence.PresenceLapse"/> does, a grace period after the last heartbeat of any of their consoles.
/// Its writes (answers, wrap-ups, presence) go ahead of shoppers' at SQLite's write gate: a person with a countdown.
/// </summary>
[Authorize(Policy = MarketplaceEndpoints.AgentPolicy)]
[QueuesIn(WriteLane.Agents)]
internal sealed class AgentHub(AgentDesk desk, AgentDirectory directory, AgentNews agentNews, ConversationFeed feed, IHubContext<AgentHub> hub,
    IServiceScopeFactory scopes) : Hub
{
    public const string Path = "/hubs/agents";

    private const string AgentKey = "agent";
    private const string FollowingKey = "following";

    public override async Task OnConnectedAsync()
    {
        var agent = await AgentAsync();
        var connection = Context.ConnectionId;
        var clients = hub.Clients;
        Context.Items[FollowingKey] = new ConcurrentDictionary<Guid, IDisposable>
        {
            [agent.Id] = agentNews.Follow(agent.Id, async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var view = await scope.ServiceProvider.GetRequiredService<AgentDesk>().DeskAsync(agent, CancellationToken.None);
                await clients.Client(connection).SendAsync("desk", view);
            }),
        };
        Unwrap(await directory.HeartbeatAsync(agent.Id, Context.ConnectionAborted));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items[FollowingKey] is ConcurrentDictionary<Guid, IDisposable> following)
        {
            foreach (var handle in following.Values)
            {
                handle.Dispose();
            }
        }

        return base.OnDisconnectedAsync(exception);
    }

    public async Task<DeskView> Desk() => await desk.DeskAsync(await AgentAsync(), Context.ConnectionAborted);

    public Task<DeskView> GoOnline() => PresenceAsync(directory.GoOnlineAsync);

    public Task<DeskView> GoAway() => PresenceAsync(directory.GoAwayAsync);

    public Task<DeskView> GoOffline() => PresenceAsync(directory.GoOfflineAsync);

    /// <summary>The console is still there; the page beats every 20 s.</summary>
    public async Task Heartbeat() => Unwrap(await directory.HeartbeatAsync((await AgentAsync()).Id, Context.ConnectionAborted));

    public async Task<OfferView> Accept(Guid offerId) => Unwrap(await desk.AcceptAsync(await AgentAsync(), offerId, Context.ConnectionAborted));

    public async Task<OfferView> Decline(Guid offerId) => Unwrap(await desk.DeclineAsync(await AgentAsync(), offerId, Context.ConnectionAborted));

    /// <summary>Opens a held conversation: answers its transcript, and from now on sends its <c>news</c> to this connection.</summary>
    public async Task<ConversationTranscript> Open(Guid conversationId)
    {
        var transcript = Unwrap(await desk.TranscriptAsync(await AgentAsync(), conversationId, Context.ConnectionAborted));
        var connection = Context.ConnectionId;
        var clients = hub.Clients;
        var following = (ConcurrentDictionary<Guid, IDisposable>)Context.Items[FollowingKey]!;
        following.GetOrAdd(conversationId, id => feed.Follow(id, news => clients.Client(connection).SendAsync("news", news)));
        return transcript;
    }

    public async Task<ConversationTranscript> Transcript(Guid conversationId) =>
        Unwrap(await desk.TranscriptAsync(await AgentAsync(), conversationId, Context.ConnectionAborted));

    public async Task<TranscriptMessage> Send(Guid conversationId, string? text) =>
        Unwrap(await desk.WriteAsync(await AgentAsync(), conversationId, text, Context.ConnectionAborted));

    public async Task Typing(Guid conversationId) => Unwrap(await desk.TypingAsync(await AgentAsync(), conversationId, Context.ConnectionAborted));

    public async Task<ConversationStanding> HandBack(Guid conversationId) =>
        Unwrap(await desk.HandBackAsync(await AgentAsync(), conversationId, Context.ConnectionAborted));

    public async Task<ConversationStanding> WrapUp(Guid conversationId, string? resolution) =>
        Unwrap(await desk.WrapUpAsync(await AgentAsync(), conversationId, resolution, Context.ConnectionAborted));

    public async Task<CustomerView> Customer(Guid conversationId)
    {
        var caller = Caller.Of(Context.User!)!;
        return Unwrap(await desk.CustomerAsync(caller, await AgentAsync(), conversationId, Context.ConnectionAborted));
    }

    private async Task<DeskView> PresenceAsync(Func<Guid, CancellationToken, Task<Outcome<Agent>>> change)
    {
        var agent = await AgentAsync();
        Unwrap(await change(agent.Id, Context.ConnectionAborted));
        Unwrap(await directory.HeartbeatAsync(agent.Id, Context.ConnectionAborted));
        return await desk.DeskAsync(agent, Context.ConnectionAborted);
    }

    /// <summary>The agent of this connection, checked once when it opens.</summary>
    private async Task<ConsoleAgent> AgentAsync()
    {
        if (Context.Items.TryGetValue(AgentKey, out var known) && known is ConsoleAgent agent)
        {
            return agent;
        }

        var checkedAgent = Unwrap(await desk.AgentAsync(Caller.Of(Context.User!)!, Context.ConnectionAborted));
        Context.Items[AgentKey] = checkedAgent;
        return checkedAgent;
    }

    private static T Unwrap<T>(Outcome<T> outcome) => outcome.Succeeded ? outcome.Value! : throw new HubException(Describe(outcome.Error!));

    private static string Describe(DomainError error) =>
        error is Invalid invalid ? string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) : error.Detail;
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Platform;
using Ombud.Platform.Auth;

namespace Ombud.Assistant.Chat;

/// <summary>
/// The chat page's connection (<c>/hubs/assistant</c>): the same use cases as the API. A connection belongs to one
/// signed-in shopper, whose customer its sign-in claims carry. Expected failures come back as a reply, never as a server error:
/// a message over the limit gets a <c>limit</c> of <c>invalid</c> and says why; another customer's conversation is
/// "not found", exactly like one that does not exist.
/// </summary>
[Authorize(Policy = "role:" + Roles.Shopper)]
internal sealed class AssistantHub(ConversationDesk desk, ConversationFeed feed, IHubContext<AssistantHub> hub) : Hub
{
    public const string Path = "/hubs/assistant";

    /// <summary>Room for a message far over the limit (which is refused with a reply), not for unbounded frames.</summary>
    public const int MaxFrameBytes = 512 * 1024;

    private const string FollowingKey = "following";

    public async Task<TranscriptView> Start(string? language) =>
        Unwrap(await desk.StartAsync(Customer(), language, Context.ConnectionAborted));

    public async Task<TranscriptView> Transcript(Guid conversationId) =>
        Unwrap(await desk.TranscriptAsync(Customer(), conversationId, Context.ConnectionAborted));

    /// <summary>
    /// From now on this connection gets <c>news</c> of the conversation (a person's message, a change of who holds it,
    /// a person typing) as it happens, from any node; one conversation at a time. Answers the transcript to start from.
    /// </summary>
    public async Task<TranscriptView> Follow(Guid conversationId)
    {
        var transcript = Unwrap(await desk.TranscriptAsync(Customer(), conversationId, Context.ConnectionAborted));
        var connection = Context.ConnectionId;
        var clients = hub.Clients;
        (Context.Items[FollowingKey] as IDisposable)?.Dispose();
        Context.Items[FollowingKey] = feed.Follow(conversationId, news => clients.Client(connection).SendAsync("news", news));
        return transcript;
    }

    /// <summary>The shopper is writing: a person holding the conversation sees it for a few seconds. Nothing is stored.</summary>
    public async Task Typing(Guid conversationId)
    {
        Unwrap(await desk.TranscriptAsync(Customer(), conversationId, Context.ConnectionAborted));
        await feed.TypingAsync(conversationId, MessageAuthor.Shopper);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        (Context.Items[FollowingKey] as IDisposable)?.Dispose();
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The conversation a chat opens with (a reload, a link back from an e-mail): the latest, open or ended; null before the first.</summary>
    public async Task<TranscriptView?> Latest() => await desk.LatestAsync(Customer(), Context.ConnectionAborted);

    public async Task<IReadOnlyList<Guid>> Recent() => await desk.RecentAsync(Customer(), 10, Context.ConnectionAborted);

    public async Task<TurnView> Send(Guid conversationId, string? clientMessageId, string? text) =>
        AsReply(conversationId, clientMessageId, await desk.PostAsync(Customer(), conversationId, clientMessageId, text, Context.ConnectionAborted));

    public async Task<TurnView> RequestHuman(Guid conversationId, string? clientMessageId) =>
        AsReply(conversationId, clientMessageId, await desk.RequestHumanAsync(Customer(), conversationId, clientMessageId, Context.ConnectionAborted));

    /// <summary>The shopper's customer, from the connection's sign-in claims.</summary>
    private Guid Customer() => Caller.Of(Context.User!)?.CustomerId
        ?? throw new HubException("This account is not linked to a customer, so it has no conversations.");

    private static T Unwrap<T>(Outcome<T> outcome) => outcome.Succeeded ? outcome.Value! : throw new HubException(Describe(outcome.Error!));

    /// <summary>A refused message is still answered: the client shows the reason where the reply would be.</summary>
    private static TurnView AsReply(Guid conversationId, string? clientMessageId, Outcome<TurnView> outcome) => outcome.Error switch
    {
        null => outcome.Value!,
        Invalid invalid => new TurnView(conversationId, clientMessageId ?? "", 0, Describe(invalid), "", 0, "invalid-message", false, null, "en",
            null, [], "invalid", Replayed: false),
        var error => throw new HubException(Describe(error)),
    };

    private static string Describe(DomainError error) =>
        error is Invalid invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : error.Detail;
}

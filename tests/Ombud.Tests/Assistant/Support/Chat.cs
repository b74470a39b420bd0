using Microsoft.AspNetCore.SignalR.Client;
using Ombud.Assistant.Chat;
using Ombud.Conversations.Contracts;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Assistant.Support;

/// <summary>
/// A shopper's chat page as the server sees it: a real SignalR connection to <c>/hubs/assistant</c> over WebSockets
/// on the in-process server, carrying the sign-in cookie. <see cref="SayAsync"/> sends one message with a fresh
/// client message id, as the page does.
/// </summary>
internal sealed class Chat : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private int _sent;

    private Chat(HubConnection connection, WebSession session)
    {
        _connection = connection;
        Session = session;
    }

    public WebSession Session { get; }

    public Guid ConversationId { get; private set; }

    public static async Task<Chat> ConnectAsync(OmbudTestApp app, WebSession session)
    {
        var connection = await TestHubs.ConnectAsync(app, session, "/hubs/assistant");
        return new Chat(connection, session);
    }

    public async Task<TranscriptView> StartAsync(string? language = null)
    {
        var transcript = await _connection.InvokeAsync<TranscriptView>("Start", language);
        ConversationId = transcript.Id;
        return transcript;
    }

    public Task<TurnView> SayAsync(string text) => SendAsync(text, $"c-{Interlocked.Increment(ref _sent)}-{Guid.NewGuid():N}");

    public Task<TurnView> SendAsync(string? text, string? clientMessageId) =>
        _connection.InvokeAsync<TurnView>("Send", ConversationId, clientMessageId, text);

    public Task<TurnView> PressTalkToAPersonAsync() => _connection.InvokeAsync<TurnView>("RequestHuman", ConversationId, $"button-{Guid.NewGuid():N}");

    public Task<TranscriptView> TranscriptAsync(Guid? conversationId = null) =>
        _connection.InvokeAsync<TranscriptView>("Transcript", conversationId ?? ConversationId);

    /// <summary>The conversation the chat page opens with: the shopper's latest, open or ended; null before their first.</summary>
    public Task<TranscriptView?> LatestAsync() => _connection.InvokeAsync<TranscriptView?>("Latest");

    /// <summary>Follows the conversation's news from now on; each notice lands in <paramref name="news"/>.</summary>
    public Task<TranscriptView> FollowAsync(System.Threading.Channels.ChannelWriter<ConversationNews> news)
    {
        _connection.On<ConversationNews>("news", n => news.TryWrite(n));
        return _connection.InvokeAsync<TranscriptView>("Follow", ConversationId);
    }

    public Task TypingAsync() => _connection.InvokeAsync("Typing", ConversationId);

    /// <summary>Continues a conversation started elsewhere (another tab, before a restart).</summary>
    public void Resume(Guid conversationId) => ConversationId = conversationId;

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        Session.Dispose();
    }
}

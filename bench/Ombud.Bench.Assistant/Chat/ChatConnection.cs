using System.Net;
using Microsoft.AspNetCore.SignalR.Client;

namespace Ombud.Bench.Assistant.Chat;

/// <summary>One browser tab's chat: a SignalR connection to <c>/hubs/assistant</c> over WebSockets with the shopper's cookies.</summary>
internal sealed class ChatConnection(HubConnection connection) : IAsyncDisposable
{
    private long _sent;

    public Guid ConversationId { get; private set; }

    public static async Task<ChatConnection> OpenAsync(Uri baseUrl, CookieContainer cookies, CancellationToken ct)
    {
        var connection = await BenchHub.ConnectAsync(new Uri(baseUrl, "hubs/assistant"), cookies, ct);
        return new ChatConnection(connection);
    }

    public async Task StartConversationAsync(CancellationToken ct) =>
        ConversationId = (await connection.InvokeAsync<StartedConversation>("Start", null, ct)).Id;

    public Task<TurnReply> SayAsync(string text, CancellationToken ct) =>
        connection.InvokeAsync<TurnReply>("Send", ConversationId, $"bench-{Interlocked.Increment(ref _sent)}-{Guid.NewGuid():N}", text, ct);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

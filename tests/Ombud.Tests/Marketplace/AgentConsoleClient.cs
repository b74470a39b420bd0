using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace;
using Ombud.Marketplace.AgentConsole;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// An agent's console as the server sees it: a real connection to <c>/hubs/agents</c> with the agent's sign-in
/// cookie. Every desk pushed and every conversation notice heard lands in a channel the test reads from.
/// </summary>
internal sealed class AgentConsoleClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<DeskView> _desks = Channel.CreateUnbounded<DeskView>();
    private readonly Channel<ConversationNews> _news = Channel.CreateUnbounded<ConversationNews>();

    private AgentConsoleClient(HubConnection connection)
    {
        _connection = connection;
        _connection.On<DeskView>("desk", d => _desks.Writer.TryWrite(d));
        _connection.On<ConversationNews>("news", n => _news.Writer.TryWrite(n));
    }

    public static async Task<AgentConsoleClient> ConnectAsync(OmbudTestApp app, WebSession session) =>
        new(await TestHubs.ConnectAsync(app, session, "/hubs/agents"));

    public Task<DeskView> GoOnlineAsync() => _connection.InvokeAsync<DeskView>("GoOnline");

    public Task<DeskView> GoOfflineAsync() => _connection.InvokeAsync<DeskView>("GoOffline");

    public Task<DeskView> DeskAsync() => _connection.InvokeAsync<DeskView>("Desk");

    public Task HeartbeatAsync() => _connection.InvokeAsync("Heartbeat");

    public Task<OfferView> AcceptAsync(Guid offer) => _connection.InvokeAsync<OfferView>("Accept", offer);

    public Task<ConversationTranscript> OpenAsync(Guid conversation) => _connection.InvokeAsync<ConversationTranscript>("Open", conversation);

    public Task<TranscriptMessage> SendAsync(Guid conversation, string text) => _connection.InvokeAsync<TranscriptMessage>("Send", conversation, text);

    public Task TypingAsync(Guid conversation) => _connection.InvokeAsync("Typing", conversation);

    public Task<ConversationStanding> WrapUpAsync(Guid conversation, string resolution) =>
        _connection.InvokeAsync<ConversationStanding>("WrapUp", conversation, resolution);

    public Task<ConversationStanding> HandBackAsync(Guid conversation) => _connection.InvokeAsync<ConversationStanding>("HandBack", conversation);

    public Task<CustomerView> CustomerAsync(Guid conversation) => _connection.InvokeAsync<CustomerView>("Customer", conversation);

    /// <summary>The next desk pushed to this connection that satisfies <paramref name="wanted"/>.</summary>
    public Task<DeskView> PushedDeskAsync(Func<DeskView, bool> wanted) => NextAsync(_desks.Reader, wanted);

    public Task<ConversationNews> NewsAsync(Func<ConversationNews, bool> wanted) => NextAsync(_news.Reader, wanted);

    public static async Task<T> NextAsync<T>(ChannelReader<T> reader, Func<T, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var next = await reader.ReadAsync(timeout.Token);
            if (wanted(next))
            {
                return next;
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

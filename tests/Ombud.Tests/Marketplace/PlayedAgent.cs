using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace;
using Ombud.Marketplace.AgentConsole;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// An agent at the console, played by the test against real <c>ombud serve</c> nodes: signed in with a password, one
/// live connection to <c>/hubs/agents</c> on one node. It goes online, answers every offer pushed to its desk (mostly
/// accepts, sometimes declines, now and then lets one run out, as a person away from the keyboard would), holds each
/// conversation a short while and wraps it up (a few it hands back), beats like the console page, goes online again
/// when a missed offer set it away, and when its node dies it connects to the next node with the same sign-in.
/// </summary>
internal sealed class PlayedAgent : IAsyncDisposable
{
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(20);

    /// <summary>How long the agent waits for a pushed desk before reading it again itself (a notice lost with a dead node).</summary>
    private static readonly TimeSpan RereadAfter = TimeSpan.FromSeconds(3);

    private readonly TestAgent _agent;
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly Random _random;
    private readonly Channel<DeskView> _desks = Channel.CreateUnbounded<DeskView>();
    private readonly HashSet<Guid> _answered = [];
    private readonly Dictionary<Guid, DateTime> _wrapUpAt = [];
    private WebSession? _session;
    private HubConnection? _connection;
    private int _node;
    private DateTime _lastBeat;

    public PlayedAgent(TestAgent agent, IReadOnlyList<Uri> nodes, int firstNode, int seed)
    {
        (_agent, _nodes, _node, _random) = (agent, nodes, firstNode, new Random(seed));
    }

    public Guid Id => _agent.Id;

    /// <summary>What this agent did, and through which node, for the test's report and its proof that both nodes served.</summary>
    public AgentTally Tally { get; } = new();

    /// <summary>Signs in with the agent's password on its first node.</summary>
    public async Task SignInAsync()
    {
        _session = new WebSession(_nodes[_node]);
        var signedIn = await _session.SignInAsync(_agent.Email, People.Password);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || WebSession.Location(signedIn).Contains("error", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{_agent.Name} could not sign in: {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
        }
    }

    /// <summary>Opens the console on the current node and goes online (which offers them waiting work at once).</summary>
    public async Task GoOnlineAsync()
    {
        await ConnectAsync();
        _desks.Writer.TryWrite(await _connection!.InvokeAsync<DeskView>("GoOnline"));
    }

    /// <summary>Works the desk until <paramref name="ct"/> is cancelled, moving to another node whenever the connection breaks.</summary>
    public async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ActAsync(await NextDeskAsync(ct));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HubException refused)
            {
                // Refused (a clash lost five times, a conversation gone): the person sees it and carries on; the test reads
                // every refusal at the end, and a server error among them fails it.
                Tally.Refusals.Add(refused.Message);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                if (!await LostAsync())
                {
                    throw;
                }

                // The node went away mid-call (it was killed): whatever the call did is read back from the desk.
                await MoveToNextNodeAsync(ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _session?.Dispose();
    }

    /// <summary>Whether the connection is gone; a failure on a connection that stays up is a bug, not a dead node.</summary>
    private async Task<bool> LostAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        return _connection?.State != HubConnectionState.Connected;
    }

    private async Task ConnectAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connection = TestHubs.Build(_nodes[_node], _session!.CookieHeader, AgentHub.Path);
        _connection.On<DeskView>("desk", d => _desks.Writer.TryWrite(d));
        await _connection.StartAsync();
        _lastBeat = DateTime.UtcNow;
        Tally.Connected(_node);
    }

    private async Task MoveToNextNodeAsync(CancellationToken ct)
    {
        for (var attempt = 0; !ct.IsCancellationRequested; attempt++)
        {
            _node = (_node + 1) % _nodes.Count;
            try
            {
                await ConnectAsync();
                _desks.Writer.TryWrite(await _connection!.InvokeAsync<DeskView>("Desk", ct));
                return;
            }
            catch (Exception) when (!ct.IsCancellationRequested && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        }
    }

    /// <summary>The next desk pushed; the desk read again when nothing came for a while or a wrap-up is due.</summary>
    private async Task<DeskView> NextDeskAsync(CancellationToken ct)
    {
        if (DateTime.UtcNow - _lastBeat > HeartbeatEvery)
        {
            await _connection!.InvokeAsync("Heartbeat", ct);
            _lastBeat = DateTime.UtcNow;
        }

        var wait = RereadAfter;
        if (_wrapUpAt.Count > 0)
        {
            var due = _wrapUpAt.Values.Min() - DateTime.UtcNow;
            wait = due < wait ? due : wait;
        }

        DeskView? latest = null;
        if (wait > TimeSpan.Zero)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(wait);
            try
            {
                latest = await _desks.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }
        }

        // Pushes that piled up while the agent was busy: only the newest says how the desk is now.
        while (_desks.Reader.TryRead(out var newer))
        {
            latest = newer;
        }

        return latest ?? await _connection!.InvokeAsync<DeskView>("Desk", ct);
    }

    private async Task ActAsync(DeskView desk)
    {
        if (desk.Status == AgentStatus.Away)
        {
            // A missed offer set them away; a person back at the keyboard goes online again.
            Tally.BackOnline++;
            _desks.Writer.TryWrite(await _connection!.InvokeAsync<DeskView>("GoOnline"));
            return;
        }

        foreach (var offer in desk.Offers.Where(o => _answered.Add(o.Id)))
        {
            await AnswerAsync(offer);
        }

        foreach (var chat in desk.Chats.Where(c => !_wrapUpAt.ContainsKey(c.ConversationId)))
        {
            _wrapUpAt[chat.ConversationId] = DateTime.UtcNow.AddMilliseconds(_random.Next(300, 2_500));
        }

        var held = desk.Chats.Select(c => c.ConversationId).ToHashSet();
        foreach (var (conversation, at) in _wrapUpAt.ToList())
        {
            if (at <= DateTime.UtcNow)
            {
                _wrapUpAt.Remove(conversation);
                if (held.Contains(conversation))
                {
                    await FinishAsync(conversation);
                }
            }
        }
    }

    private async Task AnswerAsync(OfferView offer)
    {
        var roll = _random.Next(100);
        if (roll < 3)
        {
            Tally.LetRunOut++;
            return;
        }

        var (method, declined) = roll < 8 ? ("Decline", true) : ("Accept", false);
        try
        {
            await _connection!.InvokeAsync<OfferView>(method, offer.Id);
            if (declined)
            {
                Tally.Declined++;
            }
            else
            {
                Tally.Accepted(_node);
            }
        }
        catch (HubException refused)
        {
            // Expired or withdrawn before the answer arrived, or lost to a clash: the desk says what is left.
            Tally.Refusals.Add(refused.Message);
        }
    }

    private async Task FinishAsync(Guid conversation)
    {
        try
        {
            if (_random.Next(20) == 0)
            {
                await _connection!.InvokeAsync<ConversationStanding>("HandBack", conversation);
                Tally.HandedBack++;
                return;
            }

            await _connection!.InvokeAsync<TranscriptMessage>("Send", conversation, "Thanks for waiting, I have your orders in front of me.");
            await _connection!.InvokeAsync<ConversationStanding>("WrapUp", conversation, nameof(ResolutionCode.Answered));
            Tally.WrappedUp++;
        }
        catch (HubException refused)
        {
            Tally.Refusals.Add(refused.Message);
        }
    }
}

/// <summary>What one played agent did.</summary>
internal sealed class AgentTally
{
    private readonly int[] _acceptedVia = new int[2];
    private readonly int[] _connectedTo = new int[2];

    public int Declined { get; set; }

    public int LetRunOut { get; set; }

    public int WrappedUp { get; set; }

    public int HandedBack { get; set; }

    public int BackOnline { get; set; }

    public List<string> Refusals { get; } = [];

    public int AcceptedVia(int node) => Volatile.Read(ref _acceptedVia[node]);

    public int ConnectedTo(int node) => Volatile.Read(ref _connectedTo[node]);

    public void Accepted(int node) => Interlocked.Increment(ref _acceptedVia[node]);

    public void Connected(int node) => Interlocked.Increment(ref _connectedTo[node]);
}

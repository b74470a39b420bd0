using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Ombud.Bench.Assistant.Chat;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Ombud.Bench.Handoff.Load;

namespace Ombud.Bench.Handoff.People;

/// <summary>
/// One agent's console on <c>/hubs/agents</c>, as a quick agent works it: every offer pushed on the <c>desk</c> is noted
/// the moment it arrives, accepted, and the conversation wrapped up at once, which frees the capacity for the next offer
/// and the shopper for their next hand-off. Heartbeats keep the agent from lapsing offline.
/// </summary>
internal sealed class AgentConsole : IAsyncDisposable
{
    /// <summary>The server's own name for the pending state, numeric or named, whatever the hub's JSON says.</summary>
    private const int PendingValue = 0;

    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(20);

    private readonly HubConnection _connection;
    private readonly HandoffLedger _ledger;
    private readonly ConcurrentDictionary<Guid, bool> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _heartbeats = Task.CompletedTask;

    private AgentConsole(HubConnection connection, HandoffLedger ledger)
    {
        _connection = connection;
        _ledger = ledger;
        _connection.On<JsonElement>("desk", desk => Take(desk, Arrival.Now()));
    }

    public static async Task<AgentConsole> OpenAsync(Uri baseUrl, CookieContainer cookies, HandoffLedger ledger, CancellationToken ct)
    {
        var connection = await BenchHub.ConnectAsync(new Uri(baseUrl, "hubs/agents"), cookies, ct);
        return new AgentConsole(connection, ledger);
    }

    public async Task GoOnlineAsync(CancellationToken ct)
    {
        Take(await _connection.InvokeAsync<JsonElement>("GoOnline", ct), Arrival.Now());
        _heartbeats = BeatAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _heartbeats;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private void Take(JsonElement desk, Arrival arrived)
    {
        if (!desk.TryGetProperty("offers", out var offers))
        {
            return;
        }

        foreach (var offer in offers.EnumerateArray())
        {
            var id = offer.GetProperty("id").GetGuid();
            if (IsPending(offer.GetProperty("status")) && _seen.TryAdd(id, true))
            {
                _ = AnswerAsync(id, arrived with { WaitingSince = offer.GetProperty("waitingSince").GetDateTime(), OfferedAt = offer.GetProperty("offeredAt").GetDateTime() });
            }
        }
    }

    private async Task AnswerAsync(Guid offer, Arrival arrived)
    {
        try
        {
            var accepted = await _connection.InvokeAsync<JsonElement>("Accept", offer, _stop.Token);
            var conversation = accepted.GetProperty("conversationId").GetGuid();
            _ledger.Offered(conversation, arrived);
            await _connection.InvokeAsync<JsonElement>("WrapUp", conversation, "answered", _stop.Token);
            _ledger.Finished(conversation);
        }
        catch (Exception error) when (error is HubException or InvalidOperationException or IOException or OperationCanceledException
                                          or KeyNotFoundException or FormatException)
        {
            _ledger.Fail($"agent: {error.GetType().Name}: {Short(error.Message)}");
        }
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        try
        {
            using var ticks = new PeriodicTimer(HeartbeatEvery);
            while (await ticks.WaitForNextTickAsync(ct))
            {
                await _connection.InvokeAsync("Heartbeat", ct);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or HubException or InvalidOperationException or IOException)
        {
            if (!ct.IsCancellationRequested)
            {
                _ledger.Fail($"heartbeat: {error.GetType().Name}");
            }
        }
    }

    private static bool IsPending(JsonElement status) => status.ValueKind == JsonValueKind.Number
        ? status.GetInt32() == PendingValue
        : string.Equals(status.GetString(), "pending", StringComparison.OrdinalIgnoreCase);

    private static string Short(string message) => message.Length > 80 ? message[..80] : message;
}

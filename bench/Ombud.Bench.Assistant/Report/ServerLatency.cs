using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ombud.Bench.Assistant.Report;

/// <summary>
/// The server's own turn latency (<c>/api/v1/admin/assistant/turn-latency</c>, an admin key): timed where the turn
/// is handled, without the network and the bench's own scheduling, which on a shared machine can dwarf it.
/// </summary>
internal sealed class ServerLatency(Uri baseUrl, string adminKey) : IDisposable
{
    private const string Path = "api/v1/admin/assistant/turn-latency";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new()
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", adminKey) },
    };

    /// <summary>Closes the server's window (the warm-up) and starts the one the figures come from.</summary>
    public async Task ResetAsync(CancellationToken ct)
    {
        using var response = await _http.PostAsync($"{Path}/reset", null, ct);
        await EnsureAsync(response, ct);
    }

    public async Task<ServerFigures> ReadAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync(Path, ct);
        await EnsureAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<ServerFigures>(Json, ct))!;
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)} (is the key an admin key of this server?)");
        }
    }
}

/// <summary>
/// The server's answer: turns in the window and milliseconds at the percentiles, and the same for conversations' first
/// turns and the later ones (null from a node that does not split them).
/// </summary>
internal sealed record ServerFigures(long Turns, double TurnsPerSecond, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs,
    ServerPart? FirstTurns, ServerPart? LaterTurns);

/// <summary>A part of the server's window: its turns and milliseconds at p50 and p99.</summary>
internal sealed record ServerPart(long Turns, double P50Ms, double P99Ms)
{
    public static readonly ServerPart None = new(0, 0, 0);
}

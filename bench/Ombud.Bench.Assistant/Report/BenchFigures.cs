using System.Text.Json.Serialization;
using Ombud.Bench.Assistant.Load;

namespace Ombud.Bench.Assistant.Report;

/// <summary>
/// The run's figures: the server's turn latency (what the target is about), turns per second as the clients saw them,
/// and the clients' round trips beside them for comparison. Snake-case keys, for bench/assistant.sh to pick out.
/// </summary>
internal sealed record BenchFigures(
    [property: JsonPropertyName("conversations")] int Conversations,
    [property: JsonPropertyName("turns")] long Turns,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("turns_per_second")] double TurnsPerSecond,
    [property: JsonPropertyName("server_turns")] long ServerTurns,
    [property: JsonPropertyName("server_p50_ms")] double ServerP50Ms,
    [property: JsonPropertyName("server_p90_ms")] double ServerP90Ms,
    [property: JsonPropertyName("server_p99_ms")] double ServerP99Ms,
    [property: JsonPropertyName("server_p999_ms")] double ServerP999Ms,
    [property: JsonPropertyName("server_max_ms")] double ServerMaxMs,
    [property: JsonPropertyName("server_mean_ms")] double ServerMeanMs,
    [property: JsonPropertyName("round_trip_p50_ms")] double RoundTripP50Ms,
    [property: JsonPropertyName("round_trip_p99_ms")] double RoundTripP99Ms,
    [property: JsonPropertyName("first_turns")] long FirstTurns,
    [property: JsonPropertyName("server_first_p50_ms")] double ServerFirstP50Ms,
    [property: JsonPropertyName("server_first_p99_ms")] double ServerFirstP99Ms,
    [property: JsonPropertyName("server_later_p50_ms")] double ServerLaterP50Ms,
    [property: JsonPropertyName("server_later_p99_ms")] double ServerLaterP99Ms,
    [property: JsonPropertyName("round_trip_first_p50_ms")] double RoundTripFirstP50Ms,
    [property: JsonPropertyName("round_trip_first_p99_ms")] double RoundTripFirstP99Ms,
    [property: JsonPropertyName("round_trip_later_p50_ms")] double RoundTripLaterP50Ms,
    [property: JsonPropertyName("round_trip_later_p99_ms")] double RoundTripLaterP99Ms,
    [property: JsonPropertyName("handoffs")] long Handoffs,
    [property: JsonPropertyName("rate_limited")] long RateLimited,
    [property: JsonPropertyName("rules")] IReadOnlyDictionary<string, long> Rules,
    [property: JsonPropertyName("errors_by_kind")] IReadOnlyDictionary<string, long> ErrorsByKind)
{
    public static BenchFigures From(PhaseResult measured, ServerFigures server, int conversations)
    {
        var seconds = Math.Max(measured.Elapsed.TotalSeconds, 0.001);
        var (all, first, later) = (measured.RoundTrips.All, measured.RoundTrips.First, measured.RoundTrips.Later);
        var (serverFirst, serverLater) = (server.FirstTurns ?? ServerPart.None, server.LaterTurns ?? ServerPart.None);
        return new BenchFigures(conversations, measured.Turns, measured.Tally.Errors, Math.Round(seconds, 1), Math.Round(measured.Turns / seconds, 1),
            server.Turns, server.P50Ms, server.P90Ms, server.P99Ms, server.P999Ms, server.MaxMs, server.MeanMs, RoundTrips.Ms(all, 50), RoundTrips.Ms(all, 99),
            serverFirst.Turns, serverFirst.P50Ms, serverFirst.P99Ms, serverLater.P50Ms, serverLater.P99Ms,
            RoundTrips.Ms(first, 50), RoundTrips.Ms(first, 99), RoundTrips.Ms(later, 50), RoundTrips.Ms(later, 99),
            measured.Tally.Handoffs, measured.Tally.Limited, measured.Tally.Rules, measured.Tally.ErrorsByKind);
    }
}

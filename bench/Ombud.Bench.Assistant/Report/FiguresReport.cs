using System.Globalization;
using System.Text.Json;

namespace Ombud.Bench.Assistant.Report;

/// <summary>The figures for a person (a small table) or for a script (one JSON object).</summary>
internal static class FiguresReport
{
    public static void WriteJson(BenchFigures figures, TextWriter writer) => writer.WriteLine(JsonSerializer.Serialize(figures));

    public static void WriteText(BenchFigures f, TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine();
        writer.WriteLine(string.Create(c, $"{f.Conversations} conversations, {f.Turns:N0} turns in {f.Seconds:0.0} s: {f.TurnsPerSecond:N1} turns/s, {f.Errors:N0} errors"));
        writer.WriteLine(string.Create(c, $"server (the turn itself) over {f.ServerTurns:N0} turns: p50 {f.ServerP50Ms:0.00} ms  p90 {f.ServerP90Ms:0.00}  p99 {f.ServerP99Ms:0.00}  p99.9 {f.ServerP999Ms:0.00}  max {f.ServerMaxMs:0.00}  mean {f.ServerMeanMs:0.00}"));
        writer.WriteLine(string.Create(c, $"  first turns ({f.FirstTurns:N0}): p50 {f.ServerFirstP50Ms:0.00} ms  p99 {f.ServerFirstP99Ms:0.00}; later turns: p50 {f.ServerLaterP50Ms:0.00}  p99 {f.ServerLaterP99Ms:0.00}"));
        writer.WriteLine(string.Create(c, $"client round trip: p50 {f.RoundTripP50Ms:0.00} ms  p99 {f.RoundTripP99Ms:0.00} ms"));
        writer.WriteLine(string.Create(c, $"  first turns: p50 {f.RoundTripFirstP50Ms:0.00} ms  p99 {f.RoundTripFirstP99Ms:0.00}; later turns: p50 {f.RoundTripLaterP50Ms:0.00}  p99 {f.RoundTripLaterP99Ms:0.00}"));
        writer.WriteLine(string.Create(c, $"hand-offs {f.Handoffs:N0}, rate-limited {f.RateLimited:N0}"));
        writer.WriteLine("by rule: " + string.Join(", ", f.Rules.Select(r => string.Create(c, $"{r.Key} {r.Value:N0}"))));
        foreach (var (kind, count) in f.ErrorsByKind)
        {
            writer.WriteLine(string.Create(c, $"error x{count:N0}: {kind}"));
        }
    }
}

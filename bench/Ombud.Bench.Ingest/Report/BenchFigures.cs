using System.Diagnostics;
using HdrHistogram;
using Ombud.Bench.Ingest.Load;

namespace Ombud.Bench.Ingest.Report;

/// <summary>
/// The measured phase boiled down. Orders counts successful posts only; latency percentiles are over those too.
/// Property names become the JSON keys in snake case.
/// </summary>
internal sealed record BenchFigures(
    long Orders,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByStatus,
    double Seconds,
    double OrdersPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    int Concurrency,
    int Warmup,
    int Batch,
    bool StoppedEarly)
{
    /// <param name="batch">Orders per request: latency is per request, orders count every order of the successful ones.</param>
    public static BenchFigures From(PhaseResult measured, int concurrency, int warmup, int batch)
    {
        var seconds = (double)measured.ElapsedTicks / Stopwatch.Frequency;
        var latency = measured.Latency;
        return new BenchFigures(
            Orders: measured.Succeeded * batch,
            Errors: measured.Errors.Total,
            ErrorsByStatus: measured.Errors.Counts(),
            Seconds: Math.Round(seconds, 3),
            OrdersPerSecond: seconds > 0 ? Math.Round(measured.Succeeded * batch / seconds, 1) : 0,
            P50Ms: Percentile(latency, 50),
            P90Ms: Percentile(latency, 90),
            P99Ms: Percentile(latency, 99),
            P999Ms: Percentile(latency, 99.9),
            MaxMs: latency.TotalCount == 0 ? 0 : Milliseconds(latency.GetMaxValue()),
            Concurrency: concurrency,
            Warmup: warmup,
            Batch: batch,
            StoppedEarly: measured.StoppedEarly);
    }

    private static double Percentile(HistogramBase latency, double percentile) =>
        latency.TotalCount == 0 ? 0 : Milliseconds(latency.GetValueAtPercentile(percentile));

    private static double Milliseconds(long ticks) => Math.Round(ticks / OutputScalingFactor.TimeStampToMilliseconds, 3);
}

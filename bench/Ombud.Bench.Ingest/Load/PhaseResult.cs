using HdrHistogram;

namespace Ombud.Bench.Ingest.Load;

/// <summary>
/// What a phase measured. <see cref="Latency"/> holds successful requests only, in Stopwatch ticks: a fast 429
/// must not make the server look quicker.
/// </summary>
internal sealed record PhaseResult(
    string Label,
    long Succeeded,
    ErrorTally Errors,
    HistogramBase Latency,
    long ElapsedTicks,
    bool StoppedEarly)
{
    public long Completed => Succeeded + Errors.Total;
}

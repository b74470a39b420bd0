using System.Diagnostics;
using HdrHistogram;

namespace Ombud.Bench.Assistant.Load;

/// <summary>
/// Client round trips of a phase, all of them and split by whether the turn was its conversation's first (sent right
/// after the conversation's start) or a later one, in stopwatch ticks.
/// </summary>
internal sealed class RoundTrips
{
    /// <summary>Ten minutes bounds any turn, in stopwatch ticks.</summary>
    private static readonly long HighestTrackable = Stopwatch.Frequency * 600;

    private static readonly long LowestDiscernible = Math.Max(1, Stopwatch.Frequency / 1_000_000);

    public LongConcurrentHistogram All { get; } = New();

    public LongConcurrentHistogram First { get; } = New();

    public LongConcurrentHistogram Later { get; } = New();

    public void Record(long ticks, bool firstTurn)
    {
        var value = Math.Clamp(ticks, LowestDiscernible, HighestTrackable);
        All.RecordValue(value);
        (firstTurn ? First : Later).RecordValue(value);
    }

    /// <summary>Milliseconds at a percentile of <paramref name="histogram"/> (0 when it is empty).</summary>
    public static double Ms(LongConcurrentHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency, 2);

    private static LongConcurrentHistogram New() => new(LowestDiscernible, HighestTrackable, 3);
}

using System.Diagnostics.Metrics;
using HdrHistogram;
using Ombud.Platform.Telemetry;

namespace Ombud.Assistant.Metrics;

/// <summary>
/// How long the assistant takes to answer, measured where the turn is handled (understanding, policy, actions,
/// storage; not the network). Published as the OpenTelemetry histogram <c>ombud.assistant.turn.duration</c> for
/// whatever an operator exports to, and kept in an HdrHistogram of this node so the figures can be read without an
/// exporter: the benchmark and an operator on call both ask <c>/api/v1/admin/assistant/turn-latency</c>.
/// </summary>
internal sealed class TurnMetrics
{
    public const string InstrumentName = "ombud.assistant.turn.duration";

    /// <summary>One hour, in microseconds: a turn longer than that is recorded as an hour.</summary>
    private const long HighestMicroseconds = 3_600_000_000;

    private readonly Histogram<double> _duration;
    private readonly TimeProvider _clock;
    private readonly object _swap = new();
    private LongConcurrentHistogram _since;
    private DateTimeOffset _sinceAt;
    private PhaseTotals _phases = new();

    public TurnMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _duration = meters.Create(TelemetrySetup.MeterName).CreateHistogram<double>(InstrumentName, "ms",
            "Time to handle one assistant turn on the server, from receiving the message to the stored reply.");
        _clock = clock;
        (_since, _sinceAt) = (NewHistogram(), clock.GetUtcNow());
    }

    /// <summary>A turn's time in its parts (see <see cref="TurnPhases"/>), and whether its facts were kept from an earlier turn.</summary>
    public void Record(TimeSpan elapsed, TurnPhases phases)
    {
        Volatile.Read(ref _phases).Add(elapsed, phases);
        Record(elapsed);
    }

    public void Record(TimeSpan elapsed)
    {
        _duration.Record(elapsed.TotalMilliseconds);
        var micros = Math.Clamp((long)(elapsed.Ticks / (double)TimeSpan.TicksPerMicrosecond), 1, HighestMicroseconds);
        Volatile.Read(ref _since).RecordValue(micros);
    }

    /// <summary>The figures since the node started or since the last <paramref name="reset"/>; resetting starts a new window.</summary>
    public TurnLatencySnapshot Snapshot(bool reset)
    {
        LongConcurrentHistogram histogram;
        DateTimeOffset since;
        PhaseTotals phases;
        var now = _clock.GetUtcNow();
        lock (_swap)
        {
            (histogram, since, phases) = (_since, _sinceAt, _phases);
            if (reset)
            {
                Volatile.Write(ref _since, NewHistogram());
                Volatile.Write(ref _phases, new PhaseTotals());
                _sinceAt = now;
            }
        }

        var copy = histogram.Copy();
        double Ms(double percentile) => copy.TotalCount == 0 ? 0 : copy.GetValueAtPercentile(percentile) / 1000.0;
        var seconds = Math.Max((now - since).TotalSeconds, 0.001);
        return new TurnLatencySnapshot(copy.TotalCount, since, now, Math.Round(copy.TotalCount / seconds, 1),
            Math.Round(copy.TotalCount == 0 ? 0 : copy.GetMean() / 1000.0, 3), Math.Round(Ms(50), 3), Math.Round(Ms(90), 3),
            Math.Round(Ms(99), 3), Math.Round(Ms(99.9), 3), Math.Round(copy.TotalCount == 0 ? 0 : copy.GetMaxValue() / 1000.0, 3), phases.Shares());
    }

    private static LongConcurrentHistogram NewHistogram() => new(1, HighestMicroseconds, 3);
}

/// <summary>Turn latency on this node over a window: count, turns per second, and milliseconds at the usual percentiles.</summary>
/// <remarks><see cref="Phases"/>: where the turns' time went, as shares of it, and how many turns found their facts kept.</remarks>
internal sealed record TurnLatencySnapshot(long Turns, DateTimeOffset Since, DateTimeOffset Until, double TurnsPerSecond, double MeanMs,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, TurnPhaseShares Phases);

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
    private Window _window;

    public TurnMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _duration = meters.Create(TelemetrySetup.MeterName).CreateHistogram<double>(InstrumentName, "ms",
            "Time to handle one assistant turn on the server, from receiving the message to the stored reply.");
        _clock = clock;
        _window = new Window(clock.GetUtcNow());
    }

    /// <summary>
    /// A turn's time in its parts (see <see cref="TurnPhases"/>), and whether its facts were kept from an earlier turn; a
    /// conversation's first turn (<see cref="TurnPhases.FirstTurn"/>) is counted apart from the later ones as well.
    /// </summary>
    public void Record(TimeSpan elapsed, TurnPhases phases)
    {
        _duration.Record(elapsed.TotalMilliseconds);
        var micros = Math.Clamp((long)(elapsed.Ticks / (double)TimeSpan.TicksPerMicrosecond), 1, HighestMicroseconds);
        var window = Volatile.Read(ref _window);
        window.Phases.Add(elapsed, phases);
        window.All.RecordValue(micros);
        (phases.FirstTurn ? window.First : window.Later).RecordValue(micros);
    }

    /// <summary>The figures since the node started or since the last <paramref name="reset"/>; resetting starts a new window.</summary>
    public TurnLatencySnapshot Snapshot(bool reset)
    {
        Window window;
        var now = _clock.GetUtcNow();
        lock (_swap)
        {
            window = _window;
            if (reset)
            {
                Volatile.Write(ref _window, new Window(now));
            }
        }

        var copy = window.All.Copy();
        var seconds = Math.Max((now - window.Since).TotalSeconds, 0.001);
        return new TurnLatencySnapshot(copy.TotalCount, window.Since, now, Math.Round(copy.TotalCount / seconds, 1),
            Math.Round(copy.TotalCount == 0 ? 0 : copy.GetMean() / 1000.0, 3), Ms(copy, 50), Ms(copy, 90), Ms(copy, 99), Ms(copy, 99.9),
            Math.Round(copy.TotalCount == 0 ? 0 : copy.GetMaxValue() / 1000.0, 3), window.Phases.Shares(), Part(window.First), Part(window.Later));
    }

    private static TurnLatencyPart Part(LongConcurrentHistogram histogram)
    {
        var copy = histogram.Copy();
        return new TurnLatencyPart(copy.TotalCount, Ms(copy, 50), Ms(copy, 90), Ms(copy, 99));
    }

    private static double Ms(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetValueAtPercentile(percentile) / 1000.0, 3);

    private static LongConcurrentHistogram NewHistogram() => new(1, HighestMicroseconds, 3);

    /// <summary>One window's figures: every turn, conversations' first turns, the later turns, and the turns' parts.</summary>
    private sealed class Window(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public LongConcurrentHistogram All { get; } = NewHistogram();

        public LongConcurrentHistogram First { get; } = NewHistogram();

        public LongConcurrentHistogram Later { get; } = NewHistogram();

        public PhaseTotals Phases { get; } = new();
    }
}

/// <summary>Turn latency on this node over a window: count, turns per second, and milliseconds at the usual percentiles.</summary>
/// <remarks>
/// <see cref="Phases"/>: where the turns' time went, as shares of it, and how many turns found their facts kept.
/// <see cref="FirstTurns"/> and <see cref="LaterTurns"/>: the same window split by whether the turn was its conversation's
/// first (which loads the shopper's facts and follows the conversation's start), so a tail's owner shows without a tracer.
/// </remarks>
internal sealed record TurnLatencySnapshot(long Turns, DateTimeOffset Since, DateTimeOffset Until, double TurnsPerSecond, double MeanMs,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, TurnPhaseShares Phases, TurnLatencyPart FirstTurns, TurnLatencyPart LaterTurns);

/// <summary>A part of a window's turns: how many, and milliseconds at p50, p90 and p99.</summary>
internal sealed record TurnLatencyPart(long Turns, double P50Ms, double P90Ms, double P99Ms);

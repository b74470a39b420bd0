using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ombud.Platform.Telemetry;

namespace Ombud.Platform.Storage;

/// <summary>
/// Where this node's writes spend their time, by the place in the code that ran each unit of work: how many ran, how
/// long they queued at the <see cref="WriteGate"/> and how long they held it (on PostgreSQL the gate is open, so the
/// wait is nil and the hold is the transaction). On SQLite the holds add up to the node's one writer: the places with
/// the largest share are where a change buys write throughput. Published as the OpenTelemetry histogram
/// <c>ombud.storage.unit_of_work.held</c> (tagged by place) and kept as totals for a window an operator or a benchmark
/// reads and resets under an admin key (<c>/api/v1/admin/storage/write-time</c>). Figures only, never data.
/// </summary>
public sealed class WriteTime
{
    public const string InstrumentName = "ombud.storage.unit_of_work.held";

    private readonly Histogram<double> _held;
    private readonly TimeProvider _clock;
    private readonly Lock _swap = new();
    private Window _window;

    public WriteTime(IMeterFactory meters, TimeProvider clock)
    {
        _held = meters.Create(TelemetrySetup.MeterName).CreateHistogram<double>(InstrumentName, "ms",
            "Time one unit of work held the node's write gate (SQLite) or its transaction (PostgreSQL), by the place that ran it.");
        _clock = clock;
        _window = new Window(clock.GetUtcNow());
    }

    /// <param name="file">The caller's source file, as the compiler gives it.</param>
    /// <param name="member">The member that ran the unit of work.</param>
    internal void Record(string file, string member, TimeSpan waited, TimeSpan held)
    {
        var totals = Volatile.Read(ref _window).Sites.GetOrAdd((file, member), static key => new Totals(Place(key.File, key.Member)));
        Interlocked.Increment(ref totals.Units);
        Interlocked.Add(ref totals.WaitedTicks, waited.Ticks);
        Interlocked.Add(ref totals.HeldTicks, held.Ticks);
        if (_held.Enabled)
        {
            _held.Record(held.TotalMilliseconds, new KeyValuePair<string, object?>("place", totals.Place));
        }
    }

    /// <summary>The totals since the node started or since the last <paramref name="reset"/>, largest hold first; resetting starts a new window.</summary>
    public WriteTimeReport Snapshot(bool reset)
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

        var places = window.Sites
            .Select(site => new WritePlace(site.Value.Place, Volatile.Read(ref site.Value.Units),
                Ms(Volatile.Read(ref site.Value.WaitedTicks)), Ms(Volatile.Read(ref site.Value.HeldTicks))))
            .OrderByDescending(p => p.HeldMs).ThenBy(p => p.Place, StringComparer.Ordinal).ToList();
        return new WriteTimeReport(window.Since, now, places.Sum(p => p.Units), Math.Round(places.Sum(p => p.HeldMs), 3), places);
    }

    /// <summary>"File.Member": the file's name without its folders (they differ between machines) or extension.</summary>
    private static string Place(string file, string member) =>
        $"{Path.GetFileNameWithoutExtension(file.Replace('\\', '/').Split('/')[^1])}.{member}";

    private static double Ms(long ticks) => Math.Round(TimeSpan.FromTicks(ticks).TotalMilliseconds, 3);

    private sealed class Window(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public ConcurrentDictionary<(string File, string Member), Totals> Sites { get; } = new();
    }

    /// <summary>A place's running totals in a window, with its name made once (the histogram's tag on every unit of work).</summary>
    private sealed class Totals(string place)
    {
        public readonly string Place = place;
        public long Units;
        public long WaitedTicks;
        public long HeldTicks;
    }
}

/// <summary>One place's units of work in a window: how many, and milliseconds queued at the gate and holding it, in all.</summary>
public sealed record WritePlace(string Place, long Units, double WaitedMs, double HeldMs);

/// <summary>Units of work on this node over a window, by place, largest hold first.</summary>
public sealed record WriteTimeReport(DateTimeOffset Since, DateTimeOffset Until, long Units, double HeldMs, IReadOnlyList<WritePlace> Places);

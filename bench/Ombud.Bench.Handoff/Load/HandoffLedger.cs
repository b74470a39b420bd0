using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using Ombud.Bench.Handoff.People;

namespace Ombud.Bench.Handoff.Load;

/// <summary>
/// Every hand-off by its conversation: when the server acknowledged it and when its offer reached an agent, both on this
/// machine's monotonic clock. Either may come first (the offer can overtake the answer to the request), so whichever
/// is noted second records the latency. Also the shoppers free for another hand-off: one place in the queue each.
/// </summary>
internal sealed class HandoffLedger(TimeSpan missAfter)
{
    /// <summary>Ten minutes bounds any latency, in stopwatch ticks.</summary>
    private static readonly long HighestTrackable = Stopwatch.Frequency * 600;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly ConcurrentQueue<Shopper> _free = new();
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly long _missAfter = (long)(missAfter.TotalSeconds * Stopwatch.Frequency);
    private long _acknowledged;
    private long _offered;
    private long _taken;
    private long _late;
    private long _overtook;
    private long _noShopper;

    public LongConcurrentHistogram Latencies { get; } = new(1, HighestTrackable, 3);

    /// <summary>By the server's own stamps on the offer: from the hand-off's request to the dispatcher making the offer.</summary>
    public LongConcurrentHistogram ToOffer { get; } = new(1, HighestTrackable, 3);

    /// <summary>From the dispatcher making the offer (its stamp) to its arrival here (this machine's wall clock, the same clock).</summary>
    public LongConcurrentHistogram OfferToArrival { get; } = new(1, HighestTrackable, 3);

    /// <summary>The measured hand-offs' requests themselves (start a conversation, press the button), as the shopper waited for them.</summary>
    public LongConcurrentHistogram Requests { get; } = new(1, HighestTrackable, 3);

    public long AcknowledgedCount => Volatile.Read(ref _acknowledged);

    public long OfferedCount => Volatile.Read(ref _offered);

    /// <summary>
    /// Every offer the agents took, the warm-up's places and those left from before included: the server's dispatch rate.
    /// Measured hand-offs wait behind those places (the queue is first come, first served), so few of them may be offered
    /// in a run while the server offers at its full rate.
    /// </summary>
    public long TakenCount => Volatile.Read(ref _taken);

    /// <summary>Offers that came, but later than the bound: misses all the same.</summary>
    public long Late => Volatile.Read(ref _late);

    /// <summary>Offers that reached the agent before the shopper's client had read the acknowledgement (counted as 0 ms).</summary>
    public long Overtook => Volatile.Read(ref _overtook);

    /// <summary>Scheduled hand-offs not sent because every shopper still had a place in the queue.</summary>
    public long NoShopper => Volatile.Read(ref _noShopper);

    public IReadOnlyDictionary<string, long> Errors => _errors.ToDictionary(e => e.Key, e => e.Value);

    public long ErrorCount => _errors.Values.Sum();

    public bool TryTakeShopper(out Shopper shopper)
    {
        if (_free.TryDequeue(out shopper!))
        {
            return true;
        }

        Interlocked.Increment(ref _noShopper);
        return false;
    }

    /// <summary>A shopper with no place in the queue, free to hand off.</summary>
    public void Release(Shopper shopper) => _free.Enqueue(shopper);

    /// <summary>The conversation is started, before its hand-off is asked for: an offer that overtakes the answer finds it.</summary>
    public void Started(Guid conversation, Shopper shopper, bool measured) => _entries[conversation] = new Entry(shopper, measured);

    public void Acknowledged(Guid conversation, long asked, long at)
    {
        var entry = _entries[conversation];
        lock (entry)
        {
            entry.AcknowledgedAt = at;
            if (entry.Measured)
            {
                Interlocked.Increment(ref _acknowledged);
                Requests.RecordValue(Math.Clamp(at - asked, 1, HighestTrackable));
            }

            Settle(entry);
        }
    }

    public void Offered(Guid conversation, Arrival at)
    {
        if (!_entries.TryGetValue(conversation, out var entry))
        {
            Fail("offer for a conversation the bench did not start");
            return;
        }

        Interlocked.Increment(ref _taken);
        lock (entry)
        {
            entry.OfferedAt = at.Timestamp;
            entry.Arrival = at;
            Settle(entry);
        }
    }

    /// <summary>The agent wrapped the conversation up: its shopper may hand off again.</summary>
    public void Finished(Guid conversation)
    {
        // The entry stays: the acknowledgement may still be on its way to the shopper's client.
        if (_entries.TryGetValue(conversation, out var entry) && Interlocked.Exchange(ref entry.Done, 1) == 0)
        {
            Release(entry.Shopper);
        }
    }

    /// <summary>A hand-off the server refused: the shopper never got a place, so is free again.</summary>
    public void Refused(Guid? conversation, Shopper shopper, string failure)
    {
        if (conversation is { } id)
        {
            _entries.TryRemove(id, out _);
        }

        Fail(failure);
        Release(shopper);
    }

    public void Fail(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <summary>Measured hand-offs acknowledged but not offered yet, and how long the oldest has waited.</summary>
    public (int Open, TimeSpan Oldest) Outstanding(long now)
    {
        var open = _entries.Values.Where(e => e.Measured && e.AcknowledgedAt is not null && e.OfferedAt is null).ToList();
        var oldest = open.Count == 0 ? 0 : now - open.Min(e => e.AcknowledgedAt!.Value);
        return (open.Count, TimeSpan.FromSeconds(oldest / (double)Stopwatch.Frequency));
    }

    /// <summary>Acknowledged, measured hand-offs never offered: with those offered late, the misses.</summary>
    public long NeverOffered() => _entries.Values.Count(e => e.Measured && e.AcknowledgedAt is not null && e.OfferedAt is null);

    private void Settle(Entry entry)
    {
        if (entry is not { Measured: true, AcknowledgedAt: { } acknowledged, OfferedAt: { } offered })
        {
            return;
        }

        var latency = offered - acknowledged;
        if (latency <= 0)
        {
            Interlocked.Increment(ref _overtook);
        }

        Interlocked.Increment(ref _offered);
        if (latency > _missAfter)
        {
            Interlocked.Increment(ref _late);
        }

        Latencies.RecordValue(Math.Clamp(latency, 1, HighestTrackable));
        if (entry.Arrival is { WaitingSince: { } waiting, OfferedAt: { } made } arrival)
        {
            ToOffer.RecordValue(Math.Clamp(Ticks(made - waiting), 1, HighestTrackable));
            OfferToArrival.RecordValue(Math.Clamp(Ticks(arrival.Utc - made), 1, HighestTrackable));
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed class Entry(Shopper shopper, bool measured)
    {
        public Shopper Shopper { get; } = shopper;

        public bool Measured { get; } = measured;

        public long? AcknowledgedAt { get; set; }

        public long? OfferedAt { get; set; }

        public Arrival? Arrival { get; set; }

        public int Done;
    }
}

/// <summary>When an offer reached an agent (monotonic and wall clock), with the server's stamps on it.</summary>
internal sealed record Arrival(long Timestamp, DateTime Utc, DateTime? WaitingSince = null, DateTime? OfferedAt = null)
{
    public static Arrival Now() => new(Stopwatch.GetTimestamp(), DateTime.UtcNow);
}

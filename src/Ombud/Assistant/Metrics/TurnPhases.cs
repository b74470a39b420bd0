namespace Ombud.Assistant.Metrics;

/// <summary>
/// One turn's time in its parts, as the desk measures them: the conversation row and its recent messages; the
/// shopper's facts (kept or loaded); understanding the message (these three before the turn queues to write); queued
/// for the unit of work (the write gate on SQLite, a free connection); the policy with its own reads and actions, and
/// phrasing; what is left is storing and committing the turn.
/// </summary>
internal sealed class TurnPhases
{
    public TimeSpan Conversation { get; set; }

    public TimeSpan Queued { get; set; }

    /// <summary>The conversation changed (or the shopper's data did) between reading it and holding it: read again inside.</summary>
    public bool ReadAgain { get; set; }

    public TimeSpan Facts { get; set; }

    public TimeSpan Understanding { get; set; }

    public TimeSpan Policy { get; set; }

    public bool FactsKept { get; set; }

    /// <summary>The conversation's first message from the shopper: nothing of theirs was in it when the turn read it.</summary>
    public bool FirstTurn { get; set; }

    /// <summary>How many turns committed with this one, itself included (0: it had a unit of work of its own).</summary>
    public int Batch { get; set; }
}

/// <summary>
/// Shares of the turns' time in a window (0–1, rounded), and the turns that found their facts kept. With group commit,
/// <c>queued</c> is the wait for a turn's batch to start it, and the wait for the rest of its batch and the commit is in
/// <c>storingAndRest</c>; <see cref="TurnsPerCommit"/> is the mean size of the commit a batched turn was in.
/// </summary>
internal sealed record TurnPhaseShares(double Conversation, double Facts, double Understanding, double Queued, double Policy, double StoringAndRest,
    long TurnsWithKeptFacts, long TurnsThatLoadedFacts, long TurnsThatReadAgain, long TurnsBatched, double TurnsPerCommit);

/// <summary>Running totals of a window, added to from many turns at once.</summary>
internal sealed class PhaseTotals
{
    private long _total;
    private long _conversation;
    private long _facts;
    private long _understanding;
    private long _queued;
    private long _policy;
    private long _kept;
    private long _loaded;
    private long _readAgain;
    private long _batched;
    private long _batchSizes;

    public void Add(TimeSpan elapsed, TurnPhases phases)
    {
        Interlocked.Add(ref _total, elapsed.Ticks);
        Interlocked.Add(ref _conversation, phases.Conversation.Ticks);
        Interlocked.Add(ref _facts, phases.Facts.Ticks);
        Interlocked.Add(ref _understanding, phases.Understanding.Ticks);
        Interlocked.Add(ref _queued, phases.Queued.Ticks);
        Interlocked.Add(ref _policy, phases.Policy.Ticks);
        if (phases.Batch > 0)
        {
            Interlocked.Increment(ref _batched);
            Interlocked.Add(ref _batchSizes, phases.Batch);
        }

        if (phases.ReadAgain)
        {
            Interlocked.Increment(ref _readAgain);
        }

        if (phases.Facts > TimeSpan.Zero || phases.FactsKept)
        {
            Interlocked.Increment(ref phases.FactsKept ? ref _kept : ref _loaded);
        }
    }

    public TurnPhaseShares Shares()
    {
        var total = Math.Max(1, Interlocked.Read(ref _total));
        double Share(long part) => Math.Round(part / (double)total, 3);
        var batched = Interlocked.Read(ref _batched);
        var measured = Interlocked.Read(ref _conversation) + Interlocked.Read(ref _facts) + Interlocked.Read(ref _understanding)
                       + Interlocked.Read(ref _queued) + Interlocked.Read(ref _policy);
        return new TurnPhaseShares(Share(_conversation), Share(_facts), Share(_understanding), Share(_queued), Share(_policy),
            Share(Math.Max(0, total - measured)), Interlocked.Read(ref _kept), Interlocked.Read(ref _loaded), Interlocked.Read(ref _readAgain),
            batched, batched == 0 ? 0 : Math.Round(Interlocked.Read(ref _batchSizes) / (double)batched, 1));
    }
}

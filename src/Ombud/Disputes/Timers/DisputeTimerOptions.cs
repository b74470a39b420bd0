namespace Ombud.Disputes.Timers;

/// <summary>How often each node looks for due dispute clocks, and how much it takes at once (section Ombud:Disputes:Timers).</summary>
public sealed class DisputeTimerOptions
{
    public const string Section = "Ombud:Disputes:Timers";

    /// <summary>False keeps this node from firing timers (another node still does); the deadlines stay in the data.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The pause between two looks. A deadline fires at most this late; several nodes share the work, so a shorter
    /// interval costs one cheap indexed query per clock per node.
    /// </summary>
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>
    /// How many due disputes one transaction claims and fires. Small batches keep locks short and let other nodes take
    /// the next ones; a node that dies loses (rolls back) at most one batch, which another node then fires.
    /// </summary>
    public int BatchSize { get; set; } = 25;

    /// <summary>How long before its final-response deadline an open dispute goes on priority review.</summary>
    public int PriorityReviewDaysBefore { get; set; } = 7;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    public TimeSpan PriorityReviewLead => TimeSpan.FromDays(PriorityReviewDaysBefore);
}

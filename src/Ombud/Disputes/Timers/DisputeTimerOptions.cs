namespace Ombud.Disputes.Timers;

/// <summary>The dispute clocks' own setting (section Ombud:Disputes:Timers); how often timers fire is Ombud:Events.</summary>
public sealed class DisputeTimerOptions
{
    public const string Section = "Ombud:Disputes:Timers";

    /// <summary>How long before its final-response deadline an open dispute goes on priority review.</summary>
    public int PriorityReviewDaysBefore { get; set; } = 7;

    public TimeSpan PriorityReviewLead => TimeSpan.FromDays(PriorityReviewDaysBefore);
}

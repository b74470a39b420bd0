using Ombud.Platform;

namespace Ombud.Disputes;

/// <summary>
/// The regulatory final-response clock as the dispute timers watch it. These are flags, not moves: the dispute stays
/// where it is in its lifecycle, and staff see it on the priority list (and, once late, on the missed list). Each flag
/// is set once and never cleared, so a closed dispute still tells whether its final response came late.
/// </summary>
public sealed partial class Dispute
{
    /// <summary>When the final-response deadline came near enough for the dispute to need priority review; set once.</summary>
    public DateTime? PriorityReviewSince { get; private set; }

    /// <summary>When the timers found the dispute still open past its final-response deadline; set once.</summary>
    public DateTime? RegulatoryDeadlineMissedAt { get; private set; }

    /// <summary>Puts an open dispute on priority review once its final response is due within <paramref name="lead"/>.</summary>
    internal Outcome<Dispute> FlagForPriorityReview(TimeSpan lead, DateTime at)
    {
        if (!IsOpen)
        {
            return new Conflict("A closed dispute has had its final response; it needs no priority review.");
        }

        if (PriorityReviewSince is { } since)
        {
            return new Conflict($"The dispute has been on priority review since {since:u}.");
        }

        if (at < FinalResponseBy - lead)
        {
            return new Conflict($"The final response is due by {FinalResponseBy:u}; priority review starts {lead.TotalDays:0.#} days before that.");
        }

        PriorityReviewSince = at;
        return this;
    }

    /// <summary>Records that the dispute is still open after its final-response deadline: a regulatory breach to report.</summary>
    internal Outcome<Dispute> FlagRegulatoryDeadlineMissed(DateTime at)
    {
        if (!IsOpen)
        {
            return new Conflict("A closed dispute had its final response; no deadline can be missed any more.");
        }

        if (RegulatoryDeadlineMissedAt is { } missed)
        {
            return new Conflict($"The missed final-response deadline was already recorded at {missed:u}.");
        }

        if (at < FinalResponseBy)
        {
            return new Conflict($"The final response is due by {FinalResponseBy:u}; it is not missed yet.");
        }

        RegulatoryDeadlineMissedAt = at;
        return this;
    }
}

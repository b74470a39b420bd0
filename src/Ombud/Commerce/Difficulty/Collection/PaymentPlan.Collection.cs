using Ombud.Platform;

namespace Ombud.Commerce;

/// <summary>
/// A plan handed over to collection after its notice ran out: a state of the plan, not a change of its money (the
/// hand-over charges nothing; what is owed stays as it was). Staff may withdraw it, e.g. once the shopper has paid.
/// </summary>
public sealed partial class PaymentPlan
{
    /// <summary>When the plan was handed over to collection; null while it is not in collection.</summary>
    public DateTime? HandedToCollectionAt { get; private set; }

    /// <summary>When staff last withdrew a hand-over; a notice sent before it cannot lead to another one.</summary>
    public DateTime? CollectionWithdrawnAt { get; private set; }

    public bool InCollection => HandedToCollectionAt is not null;

    /// <summary>
    /// The unpaid instalments more than <paramref name="days"/> past their due date, missed ones included, earliest due
    /// first: what a collection notice names. None a dispute holds, and none while a breathing space runs.
    /// </summary>
    public IReadOnlyList<Instalment> OverdueForCollection(DateOnly today, int days) =>
        InBreathingSpace(today)
            ? []
            : [.. _instalments.Where(i => i.Status is InstalmentStatus.Scheduled or InstalmentStatus.Missed && i.RemainingMinor > 0 && !i.IsHeld
                && i.DueDate.AddDays(days) < today).OrderBy(i => i.DueDate)];

    internal Outcome<Money> HandToCollection(DateTime at)
    {
        if (InCollection)
        {
            return new Conflict($"This plan was already handed over to collection on {HandedToCollectionAt:yyyy-MM-dd}.");
        }

        Version++;
        HandedToCollectionAt = at;
        return Outstanding;
    }

    internal Outcome<Money> WithdrawFromCollection(DateTime at)
    {
        if (!InCollection)
        {
            return new Conflict("This plan is not in collection.");
        }

        Version++;
        HandedToCollectionAt = null;
        CollectionWithdrawnAt = at;
        return Outstanding;
    }
}

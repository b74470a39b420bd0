namespace Ombud.Commerce;

/// <summary>
/// One due payment of a plan. Its amount shrinks with refunds and write-offs and moves between instalments only when
/// the plan is re-planned; what is paid can only grow.
/// </summary>
public sealed partial class Instalment
{
    private Instalment()
    {
    }

    internal Instalment(int sequence, DateOnly dueDate, long amountMinor)
    {
        Sequence = sequence;
        DueDate = dueDate;
        OriginalAmountMinor = amountMinor;
        AmountMinor = amountMinor;
        Status = InstalmentStatus.Scheduled;
    }

    public int Sequence { get; private set; }

    public DateOnly DueDate { get; private set; }

    /// <summary>The amount when the plan was made; zero for an instalment a re-plan added later.</summary>
    public long OriginalAmountMinor { get; private set; }

    /// <summary>The amount due now: the original less what refunds took off.</summary>
    public long AmountMinor { get; private set; }

    public long PaidMinor { get; private set; }

    public long LateFeeMinor { get; private set; }

    /// <summary>Fees the shopper accepted for an adjustment (a due date extended where the market allows a fee).</summary>
    public long FeeMinor { get; private set; }

    /// <summary>The part of <see cref="LateFeeMinor"/> waived: never more than the late fee, never what was paid.</summary>
    public long WaivedMinor { get; private set; }

    public DateOnly? PaidOn { get; private set; }

    public InstalmentStatus Status { get; private set; }

    /// <summary>
    /// The part of the unpaid amount a dispute has paused: it is still owed, but not collected, reminded or charged a
    /// late fee until the dispute is resolved. Never more than what is still unpaid of <see cref="AmountMinor"/>.
    /// </summary>
    public long HeldMinor { get; private set; }

    public bool IsHeld => HeldMinor > 0;

    public long RemainingMinor => RemainingOf(AmountMinor, LateFeeMinor, FeeMinor, WaivedMinor, PaidMinor);

    /// <summary>What is left to pay of an instalment with these stored amounts (for a read that projects them, not the entity).</summary>
    internal static long RemainingOf(long amountMinor, long lateFeeMinor, long feeMinor, long waivedMinor, long paidMinor) =>
        amountMinor + lateFeeMinor + feeMinor - waivedMinor - paidMinor;

    /// <summary>What may be collected now: the remaining amount less what a dispute holds.</summary>
    public long CollectibleMinor => RemainingMinor - HeldMinor;

    internal long UnpaidAmountMinor => Math.Max(0, AmountMinor - PaidMinor);

    internal long Pay(long offeredMinor, DateOnly paidOn)
    {
        var taken = Math.Min(offeredMinor, RemainingMinor);
        if (taken <= 0)
        {
            return 0;
        }

        PaidMinor += taken;
        // A shopper may pay a held instalment anyway; the hold never covers more than is still unpaid.
        HeldMinor = Math.Min(HeldMinor, UnpaidAmountMinor);
        if (RemainingMinor == 0)
        {
            PaidOn = paidOn;
            Status = paidOn > DueDate ? InstalmentStatus.PaidLate : InstalmentStatus.Paid;
        }

        return taken;
    }

    internal long Reduce(long wantedMinor)
    {
        // Only what is still unpaid can come off the schedule; late fees stay as they were.
        var reducible = Math.Max(0, AmountMinor - PaidMinor);
        var taken = Math.Min(wantedMinor, reducible);
        AmountMinor -= taken;
        // A refund while a dispute holds the instalment gives back the disputed money: it takes the held part first.
        HeldMinor = Math.Min(Math.Max(0, HeldMinor - taken), UnpaidAmountMinor);
        if (AmountMinor == 0 && LateFeeMinor == 0 && FeeMinor == 0)
        {
            Status = InstalmentStatus.Cancelled;
        }
        else if (RemainingMinor == 0 && Status is InstalmentStatus.Scheduled or InstalmentStatus.Missed)
        {
            Status = InstalmentStatus.Paid;
        }

        return taken;
    }

    /// <summary>Holds up to <paramref name="wantedMinor"/> of the unpaid amount; returns what it held.</summary>
    internal long Hold(long wantedMinor)
    {
        var taken = Math.Min(wantedMinor, UnpaidAmountMinor - HeldMinor);
        if (taken <= 0)
        {
            return 0;
        }

        HeldMinor += taken;
        return taken;
    }

    /// <summary>Ends the hold; the due date moves on by the time collection was paused, so no day of the pause counts against the shopper.</summary>
    internal void Release(int pausedDays)
    {
        if (HeldMinor == 0)
        {
            return;
        }

        HeldMinor = 0;
        DueDate = DueDate.AddDays(pausedDays);
    }

    /// <summary>Marks the instalment missed with its late fee; returns how much that added to what is owed.</summary>
    internal long Miss(long lateFeeMinor)
    {
        if (Status == InstalmentStatus.Missed)
        {
            return 0;
        }

        Status = InstalmentStatus.Missed;
        var added = lateFeeMinor - LateFeeMinor;
        LateFeeMinor = lateFeeMinor;
        return added;
    }
}

public enum InstalmentStatus
{
    Scheduled,
    Paid,
    PaidLate,
    Missed,
    Cancelled,
}

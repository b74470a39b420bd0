namespace Ombud.Commerce;

/// <summary>One due payment of a plan. Its amount can only shrink (refunds); what is paid can only grow.</summary>
public sealed class Instalment
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

    /// <summary>The amount when the plan was made.</summary>
    public long OriginalAmountMinor { get; private set; }

    /// <summary>The amount due now: the original less what refunds took off.</summary>
    public long AmountMinor { get; private set; }

    public long PaidMinor { get; private set; }

    public long LateFeeMinor { get; private set; }

    public DateOnly? PaidOn { get; private set; }

    public InstalmentStatus Status { get; private set; }

    public long RemainingMinor => AmountMinor + LateFeeMinor - PaidMinor;

    internal long Pay(long offeredMinor, DateOnly paidOn)
    {
        var taken = Math.Min(offeredMinor, RemainingMinor);
        if (taken <= 0)
        {
            return 0;
        }

        PaidMinor += taken;
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
        if (AmountMinor == 0 && LateFeeMinor == 0)
        {
            Status = InstalmentStatus.Cancelled;
        }
        else if (RemainingMinor == 0 && Status is InstalmentStatus.Scheduled or InstalmentStatus.Missed)
        {
            Status = InstalmentStatus.Paid;
        }

        return taken;
    }

    internal void Miss(long lateFeeMinor)
    {
        if (Status == InstalmentStatus.Missed)
        {
            return;
        }

        Status = InstalmentStatus.Missed;
        LateFeeMinor = lateFeeMinor;
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

namespace Ombud.Commerce;

/// <summary>What the adjustments of a plan in difficulty (<see cref="PaymentPlan.ExtendDueDate"/> and the others) do to one instalment.</summary>
public sealed partial class Instalment
{
    /// <summary>An instalment a re-plan adds: not part of the schedule the plan was made with, so its original amount is zero.</summary>
    internal static Instalment AddedByReplan(int sequence, DateOnly dueDate, long amountMinor) =>
        new(sequence, dueDate, amountMinor) { OriginalAmountMinor = 0 };

    /// <summary>The instalment falls due on <paramref name="dueDate"/>; a missed one is due again, its late fee stays until waived.</summary>
    internal void MoveDueDate(DateOnly dueDate, long feeMinor)
    {
        DueDate = dueDate;
        FeeMinor = checked(FeeMinor + feeMinor);
        if (Status == InstalmentStatus.Missed)
        {
            Status = InstalmentStatus.Scheduled;
        }
    }

    /// <summary>Re-plan: what is unpaid of the amount becomes <paramref name="unpaidMinor"/>, due on <paramref name="dueDate"/>.</summary>
    internal void Reschedule(long unpaidMinor, DateOnly dueDate)
    {
        AmountMinor = checked(AmountMinor - UnpaidAmountMinor + unpaidMinor);
        MoveDueDate(dueDate, 0);
    }

    /// <summary>Waives the late fee still unpaid; returns what was waived.</summary>
    internal long WaiveLateFee()
    {
        var waived = Math.Min(LateFeeMinor - WaivedMinor, RemainingMinor);
        if (waived <= 0)
        {
            return 0;
        }

        WaivedMinor += waived;
        if (RemainingMinor == 0 && PaidOn is null)
        {
            // Only the fee was left: the waiver settles it; what the shopper paid was paid late (it had been missed).
            Status = AmountMinor == 0 ? InstalmentStatus.Cancelled : InstalmentStatus.PaidLate;
        }

        return waived;
    }
}

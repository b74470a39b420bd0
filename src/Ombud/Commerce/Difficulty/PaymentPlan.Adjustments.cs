using System.Globalization;
using Ombud.Platform;

namespace Ombud.Commerce;

/// <summary>
/// The adjustments a plan in payment difficulty allows. Each refuses, changing nothing, when the plan is paid off or a
/// dispute pauses it (the dispute decides what is owed first), and otherwise moves money only in ways that reconcile:
/// a fee the shopper accepted is added to an instalment, relief (waived fees, a write-off) comes off, and a re-plan
/// moves what is unpaid between instalments without changing its sum.
/// </summary>
public sealed partial class PaymentPlan
{
    /// <summary>Until when (inclusive) collection and late fees are paused for the shopper's difficulty; null when never.</summary>
    public DateOnly? BreathingSpaceUntil { get; private set; }

    /// <summary>How many times a due date of this plan was extended; the market limits it.</summary>
    public int ExtensionsTaken { get; private set; }

    /// <summary>What staff wrote off of the purchase amount: the provider's loss, no longer owed.</summary>
    public long WrittenOffMinor { get; private set; }

    public bool InBreathingSpace(DateOnly today) => BreathingSpaceUntil is { } until && today <= until;

    /// <summary>The earliest instalment still to pay: the one an extension moves.</summary>
    public Instalment? NextDue => _instalments.Where(i => i.RemainingMinor > 0).MinBy(i => i.Sequence);

    /// <summary>Late fees still unpaid and not yet waived.</summary>
    public Money UnpaidLateFees => Sum(i => Math.Min(i.LateFeeMinor - i.WaivedMinor, i.RemainingMinor));

    /// <summary>What is left to pay of the purchase (and interest) itself, fees apart: the most a write-off can take.</summary>
    public Money UnpaidAmount => Sum(i => i.UnpaidAmountMinor);

    /// <summary>Moves the next due payment <paramref name="days"/> on from its due date, or from today when it is already past.</summary>
    public Outcome<PlanChange> ExtendDueDate(DateOnly today, int days, int maxExtensions, Money fee)
    {
        if (Refusal(fee) is { } refused)
        {
            return refused;
        }

        if (ExtensionsTaken >= maxExtensions)
        {
            return new Conflict($"A due date on this plan has been extended {Times(ExtensionsTaken)} already, the most a plan allows.");
        }

        var next = NextDue!;
        var from = next.DueDate > today ? next.DueDate : today;
        var newDue = from.AddDays(days);
        Version++;
        ExtensionsTaken++;
        next.MoveDueDate(newDue, fee.Minor);
        var cost = fee.IsZero ? "at no cost" : $"for a fee of {fee}";
        return new PlanChange(fee.Minor, 0, $"Payment {next.Sequence} ({new Money(next.RemainingMinor, Currency)}) was due {Day(from)}; it is now due {Day(newDue)}, {cost}.");
    }

    /// <summary>
    /// Spreads what is left to pay over <paramref name="parts"/> instalments, the first due on the next due date still
    /// ahead (or a period from today), then one every period (two weeks on pay in 4, a month otherwise). The split hands
    /// out the remainder minor unit by minor unit, so the new instalments add up exactly to what was left; fees stay
    /// where they were, and nothing is charged for the new plan.
    /// </summary>
    public Outcome<PlanChange> Replan(DateOnly today, int parts, int maxParts)
    {
        if (Refusal(Money.Zero(Currency)) is { } refused)
        {
            return refused;
        }

        var open = _instalments.Where(i => i.UnpaidAmountMinor > 0).OrderBy(i => i.Sequence).ToList();
        if (parts <= open.Count || parts > maxParts)
        {
            return Invalid.Field("instalments",
                $"A new plan spreads what is left over more instalments than the {open.Count} left now, and at most {maxParts}.");
        }

        var left = new Money(open.Sum(i => i.UnpaidAmountMinor), Currency);
        var shares = left.Split(parts);
        var first = open.Select(i => i.DueDate).Where(d => d > today).DefaultIfEmpty(NextPeriod(today, 1)).Min();
        Version++;
        for (var n = 0; n < parts; n++)
        {
            var due = n == 0 ? first : NextPeriod(first, n);
            if (n < open.Count)
            {
                open[n].Reschedule(shares[n].Minor, due);
            }
            else
            {
                _instalments.Add(Instalment.AddedByReplan(_instalments.Count + 1, due, shares[n].Minor));
            }
        }

        return new PlanChange(0, 0, $"The {left} left to pay is now {parts} payments of {shares[^1]}" +
            (shares[0] == shares[^1] ? "" : $" (the first {shares[0]})") +
            $" from {Day(first)} to {Day(NextPeriod(first, parts - 1))}, at no cost.");
    }

    /// <summary>
    /// Pauses collection and late fees for <paramref name="days"/> days from today, and moves every payment still to
    /// pay on by as many days, so the shopper's time to pay after the pause is what it was before it.
    /// </summary>
    public Outcome<PlanChange> GrantBreathingSpace(DateOnly today, int days)
    {
        if (Refusal(Money.Zero(Currency)) is { } refused)
        {
            return refused;
        }

        if (InBreathingSpace(today))
        {
            return new Conflict($"This plan is already in a breathing space until {Day(BreathingSpaceUntil!.Value)}.");
        }

        Version++;
        BreathingSpaceUntil = today.AddDays(days);
        foreach (var instalment in _instalments.Where(i => i.RemainingMinor > 0))
        {
            instalment.MoveDueDate(instalment.DueDate.AddDays(days), 0);
        }

        return new PlanChange(0, 0, $"No payments are collected and no late fees charged until {Day(BreathingSpaceUntil.Value)}; " +
            $"every payment left moves {days} days later, at no cost.");
    }

    /// <summary>Waives every late fee still unpaid. Allowed while a dispute pauses the plan: it only ever lowers what is owed.</summary>
    public Outcome<PlanChange> WaiveLateFees()
    {
        if (IsSettled)
        {
            return new Conflict(PaidOff);
        }

        var waivable = UnpaidLateFees;
        if (waivable.IsZero)
        {
            return new Conflict("There are no unpaid late fees on this plan to waive.");
        }

        Version++;
        var waived = _instalments.Sum(i => i.WaiveLateFee());
        return new PlanChange(0, waived, $"Late fees of {new Money(waived, Currency)} are waived: you no longer owe them.");
    }

    /// <summary>Writes off <paramref name="amount"/> of what is left of the purchase, last instalments first, as a refund would.</summary>
    public Outcome<PlanChange> WriteOff(Money amount)
    {
        if (WriteOffRefusal(amount) is { } refused)
        {
            return refused;
        }

        Version++;
        var left = amount.Minor;
        foreach (var instalment in _instalments.OrderByDescending(i => i.Sequence))
        {
            left -= instalment.Reduce(left);
        }

        WrittenOffMinor = checked(WrittenOffMinor + amount.Minor);
        return new PlanChange(0, amount.Minor, $"{amount} is written off: it is no longer owed. {Outstanding} is left to pay.");
    }

    /// <summary>Why <paramref name="amount"/> cannot be written off now; null when it can.</summary>
    public DomainError? WriteOffRefusal(Money amount) =>
        Refusal(Money.Zero(amount.Currency)) ?? (amount.Minor <= 0 || amount > UnpaidAmount
            ? Invalid.Field("amount", $"A write-off must be more than nothing and at most {UnpaidAmount}, what is left to pay of the purchase (late fees are waived instead).")
            : null);

    private const string PaidOff = "This plan is paid off: there is nothing left to adjust.";

    private DomainError? Refusal(Money fee)
    {
        if (fee.Currency != Currency)
        {
            return Invalid.Field("fee", $"The plan is in {Currency}; the fee is in {fee.Currency}.");
        }

        if (IsSettled)
        {
            return new Conflict(PaidOff);
        }

        return HeldSince is { } since
            ? new Conflict($"Payments on this plan are paused by a dispute since {Day(DateOnly.FromDateTime(since))}; nothing changes on it until the dispute is resolved.")
            : null;
    }

    private DateOnly NextPeriod(DateOnly from, int periods) => Kind == PlanKind.PayIn4 ? from.AddDays(14 * periods) : from.AddMonths(periods);

    private static string Times(int n) => n == 1 ? "once" : $"{n} times";

    internal static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>What an adjustment did: a fee added, relief given (fees waived, an amount written off), in the shopper's words.</summary>
public sealed record PlanChange(long FeeMinor, long ReliefMinor, string Summary);

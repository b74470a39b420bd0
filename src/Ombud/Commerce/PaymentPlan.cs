using Ombud.Platform;

namespace Ombud.Commerce;

/// <summary>
/// How an order is paid: its instalment schedule, what has been paid and what refunds took off. The plan owns the
/// money rules, so every amount on it reconciles: original schedule = total; reductions = refunds applied to the
/// schedule; paid = payments less what was paid over.
/// </summary>
public sealed partial class PaymentPlan
{
    private readonly List<Instalment> _instalments = [];

    private PaymentPlan()
    {
    }

    private PaymentPlan(Guid id, Guid orderId, Guid customerId, PlanKind kind, Money total, int aprBasisPoints, DateTime createdAt)
    {
        Id = id;
        OrderId = orderId;
        CustomerId = customerId;
        Kind = kind;
        Currency = total.Currency;
        PrincipalMinor = total.Minor;
        AprBasisPoints = aprBasisPoints;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid CustomerId { get; private set; }

    public PlanKind Kind { get; private set; }

    public string Currency { get; private set; } = "";

    /// <summary>The order total the plan pays for.</summary>
    public long PrincipalMinor { get; private set; }

    /// <summary>Annual interest of a financing plan in basis points; zero for interest-free plans.</summary>
    public int AprBasisPoints { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>How much of the principal refunds have given back so far.</summary>
    public long RefundedMinor { get; private set; }

    /// <summary>Interest of a financing plan that refunds took away with the principal it was charged on.</summary>
    public long InterestForgivenMinor { get; private set; }

    /// <summary>When a dispute paused collection on this plan; null while nothing is held.</summary>
    public DateTime? HeldSince { get; private set; }

    public IReadOnlyList<Instalment> Instalments => _instalments;

    /// <summary>
    /// Goes up with every change to the plan or its instalments. Saving checks it, so two requests that changed the
    /// same plan at once (two payments racing) cannot overwrite each other: the later one is retried on fresh data.
    /// </summary>
    public int Version { get; private set; }

    public Money Held => Sum(i => i.HeldMinor);

    /// <summary>The interest the schedule was made with: what it adds up to beyond the principal.</summary>
    public long InterestMinor => _instalments.Sum(i => i.OriginalAmountMinor) - PrincipalMinor;

    public Money Principal => new(PrincipalMinor, Currency);

    public Money ScheduledTotal => Sum(i => i.OriginalAmountMinor);

    public Money Outstanding => Sum(i => i.RemainingMinor);

    public Money Paid => Sum(i => i.PaidMinor);

    public bool IsSettled => _instalments.TrueForAll(i => i.RemainingMinor == 0);

    /// <summary>
    /// Builds the schedule. Pay in 4: a quarter at purchase and every two weeks after. Pay in 30 days: all of it 30
    /// days after purchase. Financing: equal monthly instalments with flat (add-on) interest, rounded half up to the
    /// minor unit, so the customer sees the full cost of credit up front.
    /// </summary>
    public static PaymentPlan Schedule(Guid id, Order order, PlanKind kind, int months, int aprBasisPoints, DateTime createdAt)
    {
        var plan = new PaymentPlan(id, order.Id, order.CustomerId, kind, order.Total, kind == PlanKind.Financing ? aprBasisPoints : 0, createdAt);
        var start = DateOnly.FromDateTime(order.PlacedAt);
        switch (kind)
        {
            case PlanKind.PayIn4:
                plan.AddInstalments(order.Total.Split(4), n => start.AddDays(14 * n));
                break;
            case PlanKind.PayIn30Days:
                plan.AddInstalments([order.Total], _ => start.AddDays(30));
                break;
            case PlanKind.Financing:
                var interest = FlatInterestMinor(order.TotalMinor, aprBasisPoints, months);
                plan.AddInstalments(new Money(order.TotalMinor + interest, order.Currency).Split(months), n => start.AddMonths(n + 1));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        return plan;
    }

    /// <summary>
    /// Applies a payment to the earliest unpaid instalments. Returns what was left over (paid twice, paid too much),
    /// which the provider owes back to the customer.
    /// </summary>
    public Money ApplyPayment(Money amount, DateOnly paidOn)
    {
        Version++;
        var left = amount.Minor;
        foreach (var instalment in _instalments.OrderBy(i => i.Sequence))
        {
            if (left == 0)
            {
                break;
            }

            left -= instalment.Pay(left, paidOn);
        }

        return new Money(left, Currency);
    }

    /// <summary>
    /// Takes a refund off the schedule, last instalments first, so the customer's next payments stay as they were
    /// for as long as possible. On a financing plan the interest charged on the refunded principal goes too, in
    /// proportion, and all of it once the whole principal is refunded: nobody pays interest on goods they gave back.
    /// What exceeds the instalments still unpaid is money the customer already paid, and goes back to them.
    /// </summary>
    public RefundOnPlan ApplyRefund(Money amount)
    {
        Version++;
        var refundedAfter = Math.Min(PrincipalMinor, RefundedMinor + amount.Minor);
        var forgivenAfter = refundedAfter >= PrincipalMinor
            ? InterestMinor
            : checked(InterestMinor * refundedAfter) / Math.Max(1, PrincipalMinor);
        var forgiven = Math.Max(0, forgivenAfter - InterestForgivenMinor);
        RefundedMinor = refundedAfter;
        InterestForgivenMinor += forgiven;

        var left = amount.Minor + forgiven;
        foreach (var instalment in _instalments.OrderByDescending(i => i.Sequence))
        {
            if (left == 0)
            {
                break;
            }

            left -= instalment.Reduce(left);
        }

        return new RefundOnPlan(amount.Minor + forgiven - left, forgiven, left);
    }

    /// <summary>
    /// Pauses collection of a disputed amount at once: the last unpaid instalments are held, up to the amount, the
    /// same instalments a refund of that amount would take off (<see cref="ApplyRefund"/>), so a resolution in the
    /// shopper's favour cancels exactly what was held. Returns what was held: less than disputed when part of it is
    /// already paid (a refund of that part goes back to the shopper as credit). One hold at a time: a plan has one
    /// pause clock.
    /// </summary>
    public Outcome<Money> Hold(Money disputed, DateTime at)
    {
        Version++;
        if (disputed.Currency != Currency)
        {
            return Invalid.Field("amount", $"The plan is in {Currency}; the disputed amount is in {disputed.Currency}.");
        }

        if (disputed.Minor <= 0)
        {
            return Invalid.Field("amount", "The disputed amount must be positive.");
        }

        if (HeldSince is not null)
        {
            return new Conflict($"Collection on this plan is already paused since {HeldSince:yyyy-MM-dd}.");
        }

        var left = disputed.Minor;
        foreach (var instalment in _instalments.OrderByDescending(i => i.Sequence))
        {
            if (left == 0)
            {
                break;
            }

            left -= instalment.Hold(left);
        }

        HeldSince = at;
        return new Money(disputed.Minor - left, Currency);
    }

    /// <summary>
    /// Resumes collection: every instalment still held becomes due the number of whole days later that collection was
    /// paused, so the shopper gets the same time to pay as before the dispute and no fee for the pause. Returns the
    /// paused days.
    /// </summary>
    public Outcome<int> Release(DateTime at)
    {
        Version++;
        if (HeldSince is not { } since)
        {
            return new Conflict("Collection on this plan is not paused.");
        }

        var pausedDays = Math.Max(0, DateOnly.FromDateTime(at).DayNumber - DateOnly.FromDateTime(since).DayNumber);
        foreach (var instalment in _instalments)
        {
            instalment.Release(pausedDays);
        }

        HeldSince = null;
        return pausedDays;
    }

    /// <summary>
    /// Marks unpaid instalments past their due date (plus grace) as missed and charges the late fee once; returns the
    /// late fees it charged. Held instalments are skipped: while a dispute pauses them, there are no reminders and no
    /// late fees; nor while the plan is in a breathing space (<see cref="Overdue"/>).
    /// </summary>
    public Money MarkMissed(DateOnly today, int graceDays, Money lateFee)
    {
        Version++;
        return new Money(Overdue(today, graceDays).Sum(i => i.Miss(lateFee.Minor)), Currency);
    }

    /// <summary>
    /// The instalments not yet missed that are unpaid more than <paramref name="graceDays"/> after their due date,
    /// earliest due first: never one a dispute holds, and none while the plan is in a breathing space (it pauses late
    /// fees as it pauses collection). What a notice before a late fee names, and what <see cref="MarkMissed"/> charges.
    /// </summary>
    public IReadOnlyList<Instalment> Overdue(DateOnly today, int graceDays = 0) =>
        InBreathingSpace(today)
            ? []
            : [.. _instalments.Where(i => i.Status != InstalmentStatus.Missed && i.RemainingMinor > 0 && !i.IsHeld && i.DueDate.AddDays(graceDays) < today)
                .OrderBy(i => i.DueDate)];

    internal static long FlatInterestMinor(long principalMinor, int aprBasisPoints, int months) =>
        // principal × APR × years, in integers: bps / 10 000 and months / 12, rounded half up.
        (checked(principalMinor * aprBasisPoints * months) + 60_000) / 120_000;

    private void AddInstalments(IReadOnlyList<Money> amounts, Func<int, DateOnly> dueDate)
    {
        for (var n = 0; n < amounts.Count; n++)
        {
            _instalments.Add(new Instalment(n + 1, dueDate(n), amounts[n].Minor));
        }
    }

    private Money Sum(Func<Instalment, long> amount) => new(_instalments.Sum(amount), Currency);
}

/// <summary>What a refund did to a plan: how much came off unpaid instalments (interest forgiven included) and what goes back to the customer.</summary>
public sealed record RefundOnPlan(long ReducedScheduleMinor, long InterestForgivenMinor, long ReturnedToCustomerMinor);

public enum PlanKind
{
    PayIn4,
    PayIn30Days,
    Financing,
}

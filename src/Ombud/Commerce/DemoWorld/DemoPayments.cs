using System.Globalization;
using Ombud.Platform;

namespace Ombud.Commerce.DemoWorld;

/// <summary>How one plan gets paid: the chance each instalment is late, and where the payer stops for good.</summary>
internal sealed record PlanConduct(int LatePercent, int StopBeforeInstalment, bool OnlyAtCheckout = false)
{
    public static readonly PlanConduct OnTime = new(0, int.MaxValue);

    /// <summary>Nothing is paid but what the checkout charged (pay in 4's first quarter): a fraudster's card, used once.</summary>
    public static readonly PlanConduct CheckoutOnly = new(0, int.MaxValue, OnlyAtCheckout: true);

    public static PlanConduct From(PayingHabit habit, PaymentPlan plan, DemoRandom random)
    {
        var first = plan.Kind == PlanKind.PayIn4 ? 2 : 1;
        var stop = random.Percent(habit.DefaultPercent) ? random.Between(first, Math.Max(first, plan.Instalments.Count)) : int.MaxValue;
        return new PlanConduct(habit.LatePercent, stop);
    }
}

/// <summary>
/// Pays a plan the way its payer does, in time order up to the world's today, through the plan's own rules
/// (<see cref="Payment"/>, <see cref="Refund"/>, <see cref="PaymentPlan.MarkMissed"/>), so every amount reconciles
/// exactly as it would for ingested data.
/// </summary>
internal sealed class DemoPayments(DemoRandom random, DemoWorldSettings settings)
{
    /// <summary>Days after the due date before an unpaid instalment counts as missed and the reminder fee is charged.</summary>
    public const int GraceDays = 7;

    private int _payments;
    private int _refunds;

    public void Live(Order order, DemoShopper shopper, PlanConduct conduct, PlannedRefund? refund, bool chargedTwice, DemoBatch batch)
    {
        var plan = order.Plan;
        var now = settings.Now;
        var lateFee = new Money(shopper.Market.LateFeeMinor, order.Currency);
        var method = Method(plan.Kind, shopper);
        var stopBefore = conduct.OnlyAtCheckout ? (plan.Kind == PlanKind.PayIn4 ? 2 : 1) : conduct.StopBeforeInstalment;
        var lastPaidAt = order.PlacedAt;
        Payment? last = null;
        foreach (var instalment in plan.Instalments)
        {
            if (instalment.Sequence >= stopBefore)
            {
                break;
            }

            var paidAt = PaymentTime(order, instalment, conduct.LatePercent);
            if (paidAt <= lastPaidAt && last is not null)
            {
                // One instalment at a time, in order: a late payer catches up before paying the next.
                paidAt = lastPaidAt.AddMinutes(random.Between(1, 90));
            }

            if (paidAt >= now)
            {
                break;
            }

            if (refund is not null && refund.At <= paidAt)
            {
                Refund(order, refund, batch);
                refund = null;
            }

            if (instalment.RemainingMinor == 0)
            {
                continue; // a refund took it off the schedule
            }

            var paidOn = DateOnly.FromDateTime(paidAt);
            if (instalment.DueDate.AddDays(GraceDays) < paidOn)
            {
                // By now the provider had marked it missed and charged the fee; the late payer pays both.
                plan.MarkMissed(paidOn, GraceDays, lateFee);
            }

            last = Pay(order, instalment.RemainingMinor, method, paidAt, batch);
            lastPaidAt = paidAt;
        }

        if (refund is not null)
        {
            Refund(order, refund, batch);
        }

        if (chargedTwice && last is not null && plan.IsSettled)
        {
            Pay(order, last.AmountMinor, last.Method, last.ReceivedAt.AddMinutes(random.Between(1, 5)), batch);
        }

        plan.MarkMissed(settings.AsOf, GraceDays, lateFee);
    }

    private DateTime PaymentTime(Order order, Instalment instalment, int latePercent)
    {
        if (order.Plan.Kind == PlanKind.PayIn4 && instalment.Sequence == 1)
        {
            // The first quarter is charged to the card at checkout, the same day.
            var charged = order.PlacedAt.AddSeconds(random.Between(1, 20));
            return DateOnly.FromDateTime(charged) == instalment.DueDate ? charged : order.PlacedAt;
        }

        var due = instalment.DueDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var day = random.Percent(latePercent) ? due.AddDays(random.Between(3, 25)) : due.AddDays(-random.Between(0, 3));
        return day.AddMinutes(random.Between(6 * 60, 22 * 60));
    }

    private static PaymentMethod Method(PlanKind kind, DemoShopper shopper) => kind switch
    {
        PlanKind.PayIn4 => PaymentMethod.Card,
        PlanKind.PayIn30Days => shopper.InvoiceMethod,
        // Financing is collected by direct debit (autogiro, SEPA, Bacs); in the US by ACH, which arrives as a transfer.
        _ => shopper.Market.Code == "US" ? PaymentMethod.BankTransfer : PaymentMethod.DirectDebit,
    };

    private Payment Pay(Order order, long amountMinor, PaymentMethod method, DateTime at, DemoBatch batch)
    {
        _payments++;
        var payment = new Payment(random.Id(at), string.Create(CultureInfo.InvariantCulture, $"demo-pay-{_payments:D8}"), order,
            new Money(amountMinor, order.Currency), method, at);
        batch.Payments.Add(payment);
        return payment;
    }

    private void Refund(Order order, PlannedRefund refund, DemoBatch batch)
    {
        _refunds++;
        batch.Refunds.Add(new Refund(random.Id(refund.At), string.Create(CultureInfo.InvariantCulture, $"demo-ref-{_refunds:D7}"), order,
            new Money(refund.AmountMinor, order.Currency), refund.Reason, refund.At));
    }
}

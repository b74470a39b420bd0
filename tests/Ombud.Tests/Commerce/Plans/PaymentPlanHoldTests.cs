using Ombud.Commerce;
using Ombud.Platform;

namespace Ombud.Tests.Commerce.Plans;

public sealed class PaymentPlanHoldTests
{
    private static readonly DateTime Placed = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_hold_pauses_the_last_unpaid_instalments_up_to_the_disputed_amount()
    {
        var plan = PayIn4(40_000);
        plan.ApplyPayment(new Money(10_000, "SEK"), DateOnly.FromDateTime(Placed));

        var held = plan.Hold(new Money(15_000, "SEK"), Placed);

        Assert.Equal(15_000, held.Value.Minor);
        Assert.Equal([0L, 0L, 5_000L, 10_000L], plan.Instalments.Select(i => i.HeldMinor));
        Assert.Equal(30_000, plan.Outstanding.Minor);
    }

    [Fact]
    public void A_hold_never_covers_what_is_already_paid()
    {
        var plan = PayIn4(40_000);
        plan.ApplyPayment(new Money(30_000, "SEK"), DateOnly.FromDateTime(Placed));

        var held = plan.Hold(new Money(40_000, "SEK"), Placed);

        Assert.Equal(10_000, held.Value.Minor);
        Assert.Equal(10_000, plan.Held.Minor);
    }

    [Fact]
    public void A_second_hold_on_the_same_plan_is_refused_and_changes_nothing()
    {
        var plan = PayIn4(40_000);
        plan.Hold(new Money(10_000, "SEK"), Placed);

        var second = plan.Hold(new Money(10_000, "SEK"), Placed);

        Assert.IsType<Conflict>(second.Error);
        Assert.Equal(10_000, plan.Held.Minor);
    }

    [Fact]
    public void Held_instalments_are_not_marked_missed_and_get_no_late_fee()
    {
        var plan = PayIn4(40_000);
        plan.Hold(new Money(20_000, "SEK"), Placed);

        plan.MarkMissed(DateOnly.FromDateTime(Placed).AddDays(60), 3, new Money(3_900, "SEK"));

        Assert.Equal([InstalmentStatus.Missed, InstalmentStatus.Missed, InstalmentStatus.Scheduled, InstalmentStatus.Scheduled], plan.Instalments.Select(i => i.Status));
        Assert.Equal([3_900L, 3_900L, 0L, 0L], plan.Instalments.Select(i => i.LateFeeMinor));
    }

    [Fact]
    public void Releasing_resumes_the_held_instalments_later_by_the_paused_days()
    {
        var plan = PayIn4(40_000);
        plan.Hold(new Money(20_000, "SEK"), Placed);
        var before = plan.Instalments.Select(i => i.DueDate).ToList();

        var paused = plan.Release(Placed.AddDays(30).AddHours(5));

        Assert.Equal(30, paused.Value);
        Assert.Equal([before[0], before[1], before[2].AddDays(30), before[3].AddDays(30)], plan.Instalments.Select(i => i.DueDate));
        Assert.Equal(0, plan.Held.Minor);
        Assert.Null(plan.HeldSince);
    }

    [Fact]
    public void Releasing_a_plan_that_is_not_paused_is_refused()
    {
        var plan = PayIn4(40_000);

        Assert.IsType<Conflict>(plan.Release(Placed).Error);
    }

    [Fact]
    public void A_refund_of_the_held_amount_cancels_exactly_the_held_instalments()
    {
        var plan = PayIn4(40_000);
        plan.Hold(new Money(15_000, "SEK"), Placed);

        plan.ApplyRefund(new Money(15_000, "SEK"));

        Assert.Equal([0L, 0L, 0L, 0L], plan.Instalments.Select(i => i.HeldMinor));
        Assert.Equal([10_000L, 10_000L, 5_000L, 0L], plan.Instalments.Select(i => i.AmountMinor));
        Assert.Equal(25_000, plan.Outstanding.Minor);
    }

    private static PaymentPlan PayIn4(long totalMinor)
    {
        var order = new Order(Guid.NewGuid(), null, Guid.NewGuid(), Guid.NewGuid(), Placed, "SEK",
            [new OrderLine("SKU", "Thing", 1, totalMinor)], 0, Address(), Address(),
            new OrderContact("a@example.se", null, null, null), SalesChannel.Web);
        var plan = PaymentPlan.Schedule(Guid.NewGuid(), order, PlanKind.PayIn4, 0, 0, Placed);
        order.AttachPlan(plan);
        return plan;
    }

    private static Address Address() => new("Storgatan 1", null, "Stockholm", "111 22", "SE");
}

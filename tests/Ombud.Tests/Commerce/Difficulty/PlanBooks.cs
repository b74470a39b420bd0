using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Difficulty;

/// <summary>
/// The one invariant every adjustment keeps, checked from the stored rows and nothing else: the schedule is what it
/// was made with less refunds and write-offs (a re-plan only moves money between instalments); fees on the plan are
/// the fees adjustments charged; waivers are what waivers gave; paid is what payments brought less what they overpaid;
/// and what is outstanding is the sum of what each instalment still owes, which is the customer's balance.
/// </summary>
internal static class PlanBooks
{
    public static async Task AssertReconciledAsync(OmbudTestApp app, Guid orderId)
    {
        var (plan, payments, refunds, adjustments) = await app.WithDbAsync(async db => (
            await db.Set<PaymentPlan>().AsNoTracking().SingleAsync(p => p.OrderId == orderId),
            await db.Set<Payment>().AsNoTracking().Where(p => p.OrderId == orderId).ToListAsync(),
            await db.Set<Refund>().AsNoTracking().Where(r => r.OrderId == orderId).ToListAsync(),
            await db.Set<PlanAdjustment>().AsNoTracking().Where(a => a.OrderId == orderId && a.Status == AdjustmentStatus.Applied).ToListAsync()));
        var instalments = plan.Instalments;
        long Relief(AdjustmentKind kind) => adjustments.Where(a => a.Kind == kind).Sum(a => a.ReliefMinor);

        Assert.Equal(instalments.Sum(i => i.OriginalAmountMinor) - refunds.Sum(r => r.ReducedScheduleMinor) - Relief(AdjustmentKind.WriteOff),
            instalments.Sum(i => i.AmountMinor));
        Assert.Equal(plan.WrittenOffMinor, Relief(AdjustmentKind.WriteOff));
        Assert.Equal(adjustments.Sum(a => a.FeeMinor), instalments.Sum(i => i.FeeMinor));
        Assert.Equal(Relief(AdjustmentKind.WaiveLateFees), instalments.Sum(i => i.WaivedMinor));
        Assert.Equal(payments.Sum(p => p.AmountMinor - p.OverpaidMinor), instalments.Sum(i => i.PaidMinor));
        Assert.All(instalments, i => Assert.InRange(i.WaivedMinor, 0, i.LateFeeMinor));
        Assert.All(instalments, i => Assert.True(i.RemainingMinor >= 0, $"instalment {i.Sequence} owes {i.RemainingMinor}"));
        Assert.Equal(instalments.Sum(i => i.AmountMinor + i.LateFeeMinor + i.FeeMinor - i.WaivedMinor) - instalments.Sum(i => i.PaidMinor),
            plan.Outstanding.Minor);

        await using var scope = app.Services.CreateAsyncScope();
        var allPlans = await app.WithDbAsync(db => db.Set<PaymentPlan>().AsNoTracking().Where(p => p.CustomerId == plan.CustomerId).ToListAsync());
        var balance = Assert.Single(await scope.ServiceProvider.GetRequiredService<CustomerAccounts>().BalancesAsync(plan.CustomerId, default));
        Assert.Equal(allPlans.Sum(p => p.Outstanding.Minor), balance.Outstanding.Minor);
    }
}

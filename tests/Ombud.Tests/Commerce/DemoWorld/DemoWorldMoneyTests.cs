using Ombud.Commerce;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.DemoWorld;

/// <summary>The demo world's money adds up to the minor unit, the way ingested data must.</summary>
public sealed class DemoWorldMoneyTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_plan_reconciles_to_the_minor_unit(Provider provider)
    {
        await using var app = await DemoWorldTesting.StartSeededAsync(provider);
        var world = await DemoWorldTesting.ReadAsync(app);
        var payments = world.Payments.ToLookup(p => p.OrderId);
        var refunds = world.Refunds.ToLookup(r => r.OrderId);

        Assert.All(world.Orders, order =>
        {
            var plan = order.Plan;
            var instalments = plan.Instalments;
            Assert.Equal(order.Lines.Sum(l => l.TotalMinor) + order.ShippingFeeMinor, order.TotalMinor);
            Assert.Equal(order.TotalMinor, plan.PrincipalMinor);
            var interest = plan.Kind == PlanKind.Financing ? PaymentPlan.FlatInterestMinor(plan.PrincipalMinor, plan.AprBasisPoints, instalments.Count) : 0;
            Assert.Equal(plan.PrincipalMinor + interest, instalments.Sum(i => i.OriginalAmountMinor));
            Assert.Equal(payments[order.Id].Sum(p => p.AmountMinor - p.OverpaidMinor), instalments.Sum(i => i.PaidMinor));
            Assert.Equal(refunds[order.Id].Sum(r => r.ReducedScheduleMinor), instalments.Sum(i => i.OriginalAmountMinor - i.AmountMinor));
            Assert.All(refunds[order.Id], r => Assert.Equal(r.AmountMinor, r.ReducedScheduleMinor + r.ReturnedToCustomerMinor));
            Assert.All(payments[order.Id], p => Assert.Equal(order.Currency, p.Currency));
            Assert.All(instalments, i => Assert.InRange(i.PaidMinor, 0, i.AmountMinor + i.LateFeeMinor));
        });
    }

    [Fact]
    public async Task Nothing_in_the_world_happens_after_its_today()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var now = DemoWorldTesting.Settings(app, 60).Now;
        await DemoWorldTesting.SeedAsync(app, 60);
        var world = await DemoWorldTesting.ReadAsync(app);

        Assert.All(world.Orders, o => Assert.True(o.PlacedAt < now && (o.ShippedAt ?? o.PlacedAt) < now && (o.DeliveredAt ?? o.PlacedAt) < now));
        Assert.All(world.Payments, p => Assert.True(p.ReceivedAt < now));
        Assert.All(world.Refunds, r => Assert.True(r.CreatedAt < now));
        Assert.All(world.Customers, c => Assert.True(c.AccountCreatedAt < now));
    }

    [Fact]
    public async Task Payments_follow_the_schedule_mostly_on_time_some_late_some_missed_future_ones_unpaid()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var today = DateOnly.FromDateTime(DemoWorldTesting.Settings(app, 200).Now);
        await DemoWorldTesting.SeedAsync(app, 200);
        var world = await DemoWorldTesting.ReadAsync(app);
        var instalments = world.Orders.SelectMany(o => o.Plan.Instalments).ToList();

        var paid = instalments.Count(i => i.Status == InstalmentStatus.Paid);
        var late = instalments.Count(i => i.Status == InstalmentStatus.PaidLate);
        var missed = instalments.Where(i => i.Status == InstalmentStatus.Missed).ToList();
        Assert.True(paid > 5 * late, $"most paid on time: {paid} on time, {late} late");
        Assert.True(late > 0 && missed.Count > 0, $"some late ({late}) and some missed ({missed.Count})");
        Assert.All(missed, i => Assert.True(i.LateFeeMinor > 0 && i.DueDate < today));
        // Some pay a few days ahead of the due date; beyond that, what falls due after today is unpaid.
        Assert.All(instalments.Where(i => i.DueDate > today.AddDays(3)), i => Assert.Equal(0, i.PaidMinor));
        Assert.Contains(instalments, i => i.DueDate > today && i.Status == InstalmentStatus.Scheduled);
        Assert.All(instalments.Where(i => i.Status == InstalmentStatus.PaidLate), i => Assert.True(i.PaidOn > i.DueDate));
    }
}

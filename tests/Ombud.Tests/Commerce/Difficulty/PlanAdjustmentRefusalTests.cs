using Ombud.Commerce;
using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Difficulty;

/// <summary>Refusals change nothing (plan, instalments, adjustments, audit, events) and say why in words.</summary>
public sealed class PlanAdjustmentRefusalTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_third_extension_is_refused_as_over_the_limit_and_changes_nothing(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, plan) = await desk.ShopperAsync();
        await desk.TakeAsync(customer, plan, AdjustmentKind.ExtendDueDate);
        await desk.TakeAsync(customer, plan, AdjustmentKind.ExtendDueDate);
        var before = await desk.SnapshotAsync(order);

        var offer = (await desk.OptionsAsync(customer, plan)).Offers.Single(o => o.Kind == AdjustmentKind.ExtendDueDate);
        var third = await desk.TryAsync(a => a.TakeAsync(customer, plan, AdjustmentKind.ExtendDueDate, DifficultyDesk.Fee, "user:shopper", default));
        var byStaff = await desk.TryAsync(a => a.AdjustAsync(plan, AdjustmentKind.ExtendDueDate, new AdjustmentTerms(), null, "user:staff", default));

        Assert.Equal(Ombud.Commerce.Contracts.OfferStanding.NotPossible, offer.Standing);
        Assert.Contains("extended 2 times already", offer.Why);
        Assert.Contains("the most a plan allows", Assert.IsType<Conflict>(third.Error).Detail);
        Assert.IsType<Conflict>(byStaff.Error);
        Assert.Equal(before, await desk.SnapshotAsync(order));
        await PlanBooks.AssertReconciledAsync(app, order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_adjustment_of_a_paid_off_plan_is_refused_and_changes_nothing(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, plan) = await desk.ShopperAsync();
        await desk.ChangePlanAsync(order, p => p.ApplyPayment(new Money(30_000, "SEK"), DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime)));
        var before = await desk.SnapshotAsync(order);

        var refusals = new List<DomainError?>();
        foreach (var (kind, terms) in StaffAsks)
        {
            refusals.Add((await desk.TryAsync(a => a.AdjustAsync(plan, kind, terms, "Asked", "user:staff", default))).Error);
        }

        refusals.Add((await desk.TryAsync(a => a.TakeAsync(customer, plan, AdjustmentKind.ExtendDueDate, DifficultyDesk.Fee, "user:shopper", default))).Error);

        Assert.All(refusals, e => Assert.Contains("paid off", Assert.IsType<Conflict>(e).Detail));
        Assert.Equal(before, await desk.SnapshotAsync(order));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_plan_paused_by_a_dispute_is_not_rescheduled_but_late_fees_may_still_be_waived(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, plan) = await desk.ShopperAsync();
        await desk.MissSecondPaymentAsync(order);
        await desk.Disputes.ReportAsync(order, DisputeReason.GoodsOrServiceNotReceived, 10_000);
        var before = await desk.SnapshotAsync(order);

        var extend = await desk.TryAsync(a => a.TakeAsync(customer, plan, AdjustmentKind.ExtendDueDate, DifficultyDesk.Fee, "user:shopper", default));
        var replan = await desk.TryAsync(a => a.AdjustAsync(plan, AdjustmentKind.Replan, new AdjustmentTerms(Instalments: 6), null, "user:staff", default));
        var writeOff = await desk.TryAsync(a => a.AdjustAsync(plan, AdjustmentKind.WriteOff, new AdjustmentTerms(AmountMinor: 100), "Goodwill", "user:staff", default));
        var unchanged = await desk.SnapshotAsync(order);
        var waived = await desk.TakeAsync(customer, plan, AdjustmentKind.WaiveLateFees);

        Assert.All([extend.Error, replan.Error, writeOff.Error], e => Assert.Contains("paused by a dispute", Assert.IsType<Conflict>(e).Detail));
        Assert.Equal(before, unchanged);
        Assert.Equal(DifficultyDesk.LateFee, waived.Relief.Minor);
        await PlanBooks.AssertReconciledAsync(app, order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_shopper_must_say_yes_to_the_cost_shown_and_cannot_take_what_needs_a_person(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, plan) = await desk.ShopperAsync();
        await desk.TakeAsync(customer, plan, AdjustmentKind.BreathingSpace);
        await desk.DoAsync(a => a.AdjustAsync(plan, AdjustmentKind.Replan, new AdjustmentTerms(Instalments: 4), null, "user:staff", default));
        var before = await desk.SnapshotAsync(order);

        var noYes = await desk.TryAsync(a => a.TakeAsync(customer, plan, AdjustmentKind.ExtendDueDate, null, "user:shopper", default));
        var cheaper = await desk.TryAsync(a => a.TakeAsync(customer, plan, AdjustmentKind.ExtendDueDate, 0, "user:shopper", default));
        var second = await desk.TryAsync(a => a.TakeAsync(customer, plan, AdjustmentKind.BreathingSpace, 0, "user:shopper", default));
        var replanAgain = await desk.TryAsync(a => a.TakeAsync(customer, plan, AdjustmentKind.Replan, 0, "user:shopper", default));
        var writeOff = await desk.TryAsync(a => a.TakeAsync(customer, plan, AdjustmentKind.WriteOff, 0, "user:shopper", default));
        var notTheirs = await desk.TryAsync(a => a.TakeAsync(Guid.NewGuid(), plan, AdjustmentKind.ExtendDueDate, DifficultyDesk.Fee, "user:other", default));

        Assert.Contains("acceptedCost", Assert.IsType<Invalid>(noYes.Error).Errors.Keys);
        Assert.Contains("29.00 SEK", Assert.IsType<Conflict>(cheaper.Error).Detail);
        Assert.Contains("already in a breathing space", Assert.IsType<Conflict>(second.Error).Detail);
        Assert.Contains("re-planned before; a person", Assert.IsType<Conflict>(replanAgain.Error).Detail);
        Assert.IsType<Conflict>(writeOff.Error);
        Assert.IsType<NotFound>(notTheirs.Error);
        Assert.Equal(before, await desk.SnapshotAsync(order));
    }

    private static readonly (AdjustmentKind, AdjustmentTerms)[] StaffAsks =
    [
        (AdjustmentKind.ExtendDueDate, new AdjustmentTerms()),
        (AdjustmentKind.Replan, new AdjustmentTerms(Instalments: 6)),
        (AdjustmentKind.BreathingSpace, new AdjustmentTerms(Days: 30)),
        (AdjustmentKind.WaiveLateFees, new AdjustmentTerms()),
        (AdjustmentKind.WriteOff, new AdjustmentTerms(AmountMinor: 100)),
    ];
}

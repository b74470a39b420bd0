using Ombud.Commerce;
using Ombud.Platform;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Difficulty;

/// <summary>Each adjustment walked on both databases: schedule, fees, balances reconciled to the minor unit, audited and announced.</summary>
public sealed class PlanAdjustmentTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Extending_the_next_payment_moves_it_14_days_charges_the_markets_fee_and_reconciles(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, plan) = await desk.ShopperAsync();
        var before = await desk.PlanAsync(order);

        var taken = await desk.TakeAsync(customer, plan, AdjustmentKind.ExtendDueDate);

        var after = await desk.PlanAsync(order);
        var second = after.Instalments.Single(i => i.Sequence == 2);
        Assert.Equal(before.Instalments.Single(i => i.Sequence == 2).DueDate.AddDays(14), second.DueDate);
        Assert.Equal((DifficultyDesk.Fee, 10_000 + DifficultyDesk.Fee), (second.FeeMinor, second.RemainingMinor));
        Assert.Equal(before.Outstanding.Minor + DifficultyDesk.Fee, after.Outstanding.Minor);
        Assert.Equal((1, DifficultyDesk.Fee), (after.ExtensionsTaken, taken.Fee.Minor));
        Assert.Contains("29.00 SEK", taken.Summary);
        Assert.Equal((1, 1), (await desk.AuditCountAsync(plan, "plan.adjusted"), await desk.EventCountAsync()));
        await PlanBooks.AssertReconciledAsync(app, order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Where_the_market_forbids_fees_an_extension_is_free_whatever_fee_is_configured(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, plan) = await desk.ShopperAsync(market: "UK");
        var before = await desk.PlanAsync(order);

        var offer = (await desk.OptionsAsync(customer, plan)).Offers.Single(o => o.Kind == AdjustmentKind.ExtendDueDate);
        var taken = await desk.TakeAsync(customer, plan, AdjustmentKind.ExtendDueDate);

        Assert.Equal((0L, 0L), (offer.Cost.Minor, taken.Fee.Minor));
        Assert.Equal(before.Outstanding, (await desk.PlanAsync(order)).Outstanding);
        Assert.Contains("MoneyHelper", (await desk.OptionsAsync(customer, plan)).DebtAdvice.Select(a => a.Name));
        await PlanBooks.AssertReconciledAsync(app, order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Re_planning_spreads_what_is_left_over_more_smaller_payments_exact_to_the_minor_unit(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (_, order, plan) = await desk.ShopperAsync();

        var replanned = await desk.DoAsync(a => a.AdjustAsync(plan, AdjustmentKind.Replan, new AdjustmentTerms(Instalments: 7), null, "user:staff-1", default));

        var after = await desk.PlanAsync(order);
        var unpaid = after.Instalments.Where(i => i.RemainingMinor > 0).OrderBy(i => i.Sequence).ToList();
        // 300.00 in 7: 42.86 five times and 42.85 twice, the remainder on the first payments.
        Assert.Equal([4_286L, 4_286L, 4_286L, 4_286L, 4_286L, 4_285L, 4_285L], unpaid.Select(i => i.RemainingMinor));
        Assert.Equal(30_000, after.Outstanding.Minor);
        Assert.Equal(8, after.Instalments.Count);
        Assert.Equal(unpaid.Select(i => i.DueDate).Order(), unpaid.Select(i => i.DueDate));
        Assert.All(unpaid.Zip(unpaid.Skip(1)), pair => Assert.Equal(14, pair.Second.DueDate.DayNumber - pair.First.DueDate.DayNumber));
        Assert.Equal(0, replanned.Fee.Minor);
        await PlanBooks.AssertReconciledAsync(app, order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_breathing_space_moves_every_payment_on_and_no_late_fee_is_charged_during_it(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, plan) = await desk.ShopperAsync();
        var before = await desk.PlanAsync(order);

        await desk.TakeAsync(customer, plan, AdjustmentKind.BreathingSpace);
        app.Clock.Advance(TimeSpan.FromDays(29));
        await desk.ChangePlanAsync(order, p => p.MarkMissed(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), 7, new Money(DifficultyDesk.LateFee, "SEK")));

        var after = await desk.PlanAsync(order);
        Assert.Equal(before.Instalments.Where(i => i.RemainingMinor > 0).Select(i => i.DueDate.AddDays(30)),
            after.Instalments.Where(i => i.RemainingMinor > 0).Select(i => i.DueDate));
        Assert.All(after.Instalments, i => Assert.Equal(0, i.LateFeeMinor));
        Assert.Equal(before.Outstanding, after.Outstanding);
        Assert.NotNull(after.BreathingSpaceUntil);
        await PlanBooks.AssertReconciledAsync(app, order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Waiving_late_fees_takes_exactly_the_unpaid_fees_off_what_is_owed(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, plan) = await desk.ShopperAsync();
        await desk.MissSecondPaymentAsync(order);
        var missed = await desk.PlanAsync(order);
        Assert.Equal(30_000 + DifficultyDesk.LateFee, missed.Outstanding.Minor);

        var waived = await desk.TakeAsync(customer, plan, AdjustmentKind.WaiveLateFees);

        var after = await desk.PlanAsync(order);
        Assert.Equal((DifficultyDesk.LateFee, 30_000L), (waived.Relief.Minor, after.Outstanding.Minor));
        Assert.True(after.UnpaidLateFees.IsZero);
        await PlanBooks.AssertReconciledAsync(app, order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_write_off_within_the_limit_comes_off_the_last_payments_at_once(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (_, order, plan) = await desk.ShopperAsync();

        var written = await desk.DoAsync(a => a.AdjustAsync(plan, AdjustmentKind.WriteOff, new AdjustmentTerms(AmountMinor: 4_999), "Hardship agreed on the phone", "user:staff-1", default));

        var after = await desk.PlanAsync(order);
        Assert.Equal(AdjustmentStatus.Applied, written.Status);
        Assert.Equal([0L, 10_000L, 10_000L, 5_001L], after.Instalments.OrderBy(i => i.Sequence).Select(i => i.RemainingMinor));
        Assert.Equal((25_001L, 4_999L), (after.Outstanding.Minor, after.WrittenOffMinor));
        await PlanBooks.AssertReconciledAsync(app, order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_write_off_above_the_limit_waits_for_a_second_person_and_the_asker_cannot_approve_it(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, plan) = await desk.ShopperAsync();

        var asked = await desk.DoAsync(a => a.AdjustAsync(plan, AdjustmentKind.WriteOff, new AdjustmentTerms(AmountMinor: 15_000), "Long-term illness", "user:staff-1", default));
        var waiting = await desk.PlanAsync(order);
        var untouched = await desk.SnapshotAsync(order);
        var self = await desk.TryAsync(a => a.ApproveAsync(asked.Id, "user:staff-1", default));
        var unchanged = await desk.SnapshotAsync(order);
        var approved = await desk.DoAsync(a => a.ApproveAsync(asked.Id, "user:staff-2", default));
        var again = await desk.TryAsync(a => a.ApproveAsync(asked.Id, "user:staff-3", default));

        Assert.Equal(AdjustmentStatus.AwaitingApproval, asked.Status);
        Assert.Equal((30_000L, 0L), (waiting.Outstanding.Minor, waiting.WrittenOffMinor));
        Assert.IsType<Forbidden>(self.Error);
        Assert.Equal(untouched, unchanged);
        Assert.Equal((AdjustmentStatus.Applied, "user:staff-2", 15_000L), (approved.Status, approved.DecidedBy, approved.Relief.Minor));
        Assert.IsType<Conflict>(again.Error);
        Assert.Equal(15_000, (await desk.PlanAsync(order)).Outstanding.Minor);
        Assert.Equal(1, await desk.AuditCountAsync(plan, "plan.write-off-approved"));
        Assert.Equal(AdjustmentStatus.Applied, Assert.Single(await desk.HistoryAsync(customer)).Status);
        await PlanBooks.AssertReconciledAsync(app, order);
    }
}

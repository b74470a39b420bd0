using Microsoft.EntityFrameworkCore;
using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes;

/// <summary>
/// The store period is for settling: the store writes and refunds through the product's use cases, the shopper settles
/// or goes on, and the money on the plan reconciles to the minor unit after each step.
/// </summary>
public sealed class StoreSettlementTests
{
    private const string Store = "merchant:store";
    private const string Shopper = "customer:shopper";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_part_refund_in_the_store_period_moves_money_at_once_and_settling_ends_the_dispute_and_releases_the_pause(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (customer, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.DefectiveOrNotAsDescribed);
        Assert.Equal(30_000, (await desk.PlanAsync(order)).Held.Minor); // 400.00 disputed, 100.00 of it already paid

        await desk.DoAsync(s => s.MessageShopperAsync(dispute.Id, "Sorry about the scratch: we refund 150.00 now.", Store, default));
        var refunded = await desk.DoAsync(s => s.RefundInStoreAsync(dispute.Id, new Money(15_000, "SEK"), "For the scratch.", Store, default));

        Assert.Equal((DisputeState.Reported, 15_000L), (refunded.State, refunded.StoreRefundedMinor));
        var refund = Assert.Single(await desk.RefundsAsync(order));
        Assert.Equal(15_000, refund.AmountMinor);
        var held = await desk.PlanAsync(order);
        Assert.Equal(15_000, held.Held.Minor);      // the refund came off the held instalments, the rest stays paused
        Assert.NotNull(held.HeldSince);
        Assert.Equal(15_000, held.Outstanding.Minor);
        Assert.Equal(1, await desk.OutboxCountAsync("dispute.refunded-in-store"));
        Assert.Equal(1, await desk.OutboxCountAsync("dispute.shopper-messaged"));
        Assert.Equal(1, await desk.OutboxCountAsync("refund.issued"));

        var settled = await desk.DoAsync(s => s.MarkSettledAsync(dispute.Id, "Happy with 150.00 back", Shopper, default));

        Assert.Equal((DisputeState.Closed, DisputeOutcome.SettledWithStore, 15_000L), (settled.State, settled.Outcome, settled.RefundMinor));
        Assert.Single(await desk.RefundsAsync(order)); // settling moves no more money
        var plan = await desk.PlanAsync(order);
        Assert.Null(plan.HeldSince);
        Assert.Equal(0, plan.Held.Minor);
        Assert.Equal(15_000, plan.Outstanding.Minor);
        Assert.Equal(plan.Outstanding, (await desk.BalanceAsync(customer)).Outstanding);
        Assert.Equal(1, await desk.OutboxCountAsync("dispute.settled"));
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Subject == $"dispute:{dispute.Id}").Select(e => e.Action).ToListAsync());
        Assert.Contains("dispute.message-shopper", audited);
        Assert.Contains("dispute.refund-in-store", audited);
        Assert.Contains("dispute.mark-settled", audited);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Going_on_after_a_store_refund_starts_the_merchants_clock_and_a_later_loss_pays_only_the_rest(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (customer, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.GoodsOrServiceNotReceived);

        var tooEarly = await desk.TryAsync(s => s.DeclineSettlementAsync(dispute.Id, null, Shopper, default));
        Assert.Contains("has not answered", Assert.IsType<Conflict>(tooEarly.Error).Detail, StringComparison.Ordinal);

        await desk.DoAsync(s => s.RefundInStoreAsync(dispute.Id, new Money(10_000, "SEK"), null, Store, default));
        var declined = await desk.DoAsync(s => s.DeclineSettlementAsync(dispute.Id, "I want all of it back", Shopper, default));
        Assert.Equal(DisputeState.Initiated, declined.State);
        Assert.NotNull(declined.MerchantDeadline);
        Assert.Equal(1, await desk.OutboxCountAsync("dispute.settlement-declined"));

        var lost = await desk.DoAsync(s => s.AcceptLossAsync(dispute.Id, null, null, Store, default));

        Assert.Equal((DisputeOutcome.MerchantLost, 40_000L), (lost.Outcome, lost.RefundMinor));
        var refunds = await desk.RefundsAsync(order);
        Assert.Equal([10_000L, 30_000L], refunds.OrderBy(r => r.CreatedAt).ThenBy(r => r.AmountMinor).Select(r => r.AmountMinor));
        var plan = await desk.PlanAsync(order);
        Assert.Null(plan.HeldSince);
        Assert.Equal(0, plan.Outstanding.Minor);
        Assert.Equal(plan.Outstanding, (await desk.BalanceAsync(customer)).Outstanding);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_store_refund_of_nothing_beyond_what_is_left_or_outside_the_store_period_is_refused_and_moves_no_money(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.DefectiveOrNotAsDescribed, amount: 20_000);
        await desk.DoAsync(s => s.RefundInStoreAsync(dispute.Id, new Money(5_000, "SEK"), null, Store, default));
        var before = await SnapshotAsync(desk, dispute.Id, order);

        var nothing = await desk.TryAsync(s => s.RefundInStoreAsync(dispute.Id, new Money(0, "SEK"), null, Store, default));
        var beyond = await desk.TryAsync(s => s.RefundInStoreAsync(dispute.Id, new Money(15_001, "SEK"), null, Store, default));
        var euros = await desk.TryAsync(s => s.RefundInStoreAsync(dispute.Id, new Money(100, "EUR"), null, Store, default));
        var silent = await desk.TryAsync(s => s.MessageShopperAsync(dispute.Id, "  ", Store, default));

        Assert.Contains("amount", Assert.IsType<Invalid>(nothing.Error).Errors.Keys);
        Assert.Contains("At most 150.00 SEK", Assert.IsType<Invalid>(beyond.Error).Errors["amount"][0], StringComparison.Ordinal);
        Assert.Contains("amount", Assert.IsType<Invalid>(euros.Error).Errors.Keys);
        Assert.Contains("text", Assert.IsType<Invalid>(silent.Error).Errors.Keys);
        Assert.Equal(before, await SnapshotAsync(desk, dispute.Id, order));

        desk.AdvancePast(dispute.StoreResolutionDeadline);
        await desk.DoAsync(s => s.EscalateAsync(dispute.Id, DisputeActors.System, default));
        var escalated = await SnapshotAsync(desk, dispute.Id, order);
        var late = await desk.TryAsync(s => s.RefundInStoreAsync(dispute.Id, new Money(1_000, "SEK"), null, Store, default));
        Assert.Contains("(it is initiated)", Assert.IsType<Conflict>(late.Error).Detail, StringComparison.Ordinal);
        Assert.Equal(escalated, await SnapshotAsync(desk, dispute.Id, order));
    }

    private static async Task<(int Steps, long StoreRefunded, int Refunds, long Held, long Outstanding)> SnapshotAsync(DisputeDesk desk, Guid id, Guid order)
    {
        var dispute = await desk.DisputeAsync(id);
        var plan = await desk.PlanAsync(order);
        return (dispute.Transitions.Count, dispute.StoreRefundedMinor, (await desk.RefundsAsync(order)).Count, plan.Held.Minor, plan.Outstanding.Minor);
    }
}

using Microsoft.EntityFrameworkCore;
using Ombud.Disputes;
using Ombud.Disputes.Timers;
using Ombud.Platform.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Timers;

/// <summary>Each dispute clock fires when the controlled clock passes its deadline, not before, and only once.</summary>
public sealed class DisputeTimerTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_unsettled_report_escalates_once_its_store_period_is_over_and_only_once(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var report = await desk.ReportAsync(order, DisputeReason.GoodsOrServiceNotReceived);

        app.AdvanceToJustBefore(report.StoreResolutionDeadline!.Value);
        var early = await app.TickAsync();
        var before = await desk.DisputeAsync(report.Id);
        desk.AdvancePast(report.StoreResolutionDeadline);
        var due = await app.TickAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        var again = await app.TickAsync();

        var after = await desk.DisputeAsync(report.Id);
        Assert.Equal((0, 1, 0), (early[DisputeTimer.StoreResolutionOver], due[DisputeTimer.StoreResolutionOver], again[DisputeTimer.StoreResolutionOver]));
        Assert.Equal(DisputeState.Reported, before.State);
        Assert.Equal(DisputeState.Initiated, after.State);
        var escalation = Assert.Single(after.Transitions, t => t.Move == DisputeMove.Escalate);
        Assert.Equal(DisputeTimers.Actor, escalation.Actor);
        Assert.NotNull(after.MerchantDeadline);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_silent_merchant_loses_once_its_deadline_passes_and_the_shopper_is_refunded_once(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (customer, order) = await desk.ShopperWithOrderAsync();
        var reported = await desk.ReportAsync(order, DisputeReason.UnauthorisedPurchase);

        app.AdvanceToJustBefore(reported.MerchantDeadline!.Value);
        await app.TickAsync();
        var before = await desk.DisputeAsync(reported.Id);
        desk.AdvancePast(reported.MerchantDeadline);
        await app.TickAsync();
        app.Clock.Advance(TimeSpan.FromDays(3));
        var again = await app.TickAsync();

        var after = await desk.DisputeAsync(reported.Id);
        Assert.Equal(DisputeState.Initiated, before.State);
        Assert.Equal((DisputeState.Closed, DisputeOutcome.MerchantLost, DisputeOutcomeDetail.MerchantDidNotReply), (after.State, after.Outcome, after.OutcomeDetail));
        Assert.Equal(DisputeTimers.Actor, Assert.Single(after.Transitions, t => t.Move == DisputeMove.ExpireMerchantDeadline).Actor);
        Assert.Equal(0, again[DisputeTimer.MerchantDeadlinePassed]);
        var refund = Assert.Single(await desk.RefundsAsync(order));
        Assert.Equal(DisputeDesk.Total, refund.AmountMinor);
        Assert.Equal(1, await desk.OutboxCountAsync("dispute.merchant-deadline-expired"));
        Assert.Null((await desk.PlanAsync(order)).HeldSince);
        // The first instalment was paid, so that part of the refund is the shopper's credit; the rest cancelled the plan.
        Assert.Equal(DisputeDesk.FirstInstalment, (await desk.BalanceAsync(customer)).Credit.Minor);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_unappealed_preliminary_loss_closes_once_the_appeal_window_ends(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var reported = await desk.ReportAsync(order, DisputeReason.UnauthorisedPurchase);
        await desk.DoAsync(s => s.SubmitEvidenceAsync(reported.Id, new MerchantEvidence("The buyer signed for it."), "merchant:m", default));
        var preliminary = await desk.DoAsync(s => s.DecideAsync(reported.Id,
            new DisputeDecision(false, DisputeOutcomeDetail.EvidenceNotCompelling), "user:staff", default));

        app.AdvanceToJustBefore(preliminary.AppealDeadline!.Value);
        await app.TickAsync();
        var before = await desk.DisputeAsync(reported.Id);
        desk.AdvancePast(preliminary.AppealDeadline);
        var due = await app.TickAsync();
        var again = await app.TickAsync();

        var after = await desk.DisputeAsync(reported.Id);
        Assert.Equal(DisputeState.PreArbitration, before.State);
        Assert.Equal((1, 0), (due[DisputeTimer.AppealWindowOver], again[DisputeTimer.AppealWindowOver]));
        Assert.Equal((DisputeState.Closed, DisputeOutcome.MerchantLost), (after.State, after.Outcome));
        Assert.Equal(DisputeTimers.Actor, Assert.Single(after.Transitions, t => t.Move == DisputeMove.Close).Actor);
        Assert.Single(await desk.RefundsAsync(order));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_open_dispute_goes_on_priority_review_near_its_final_response_deadline_and_is_flagged_once_it_passes(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync("US");
        var (_, withdrawnOrder) = await desk.ShopperWithOrderAsync("US");
        var open = await desk.ReportAsync(order, DisputeReason.UnauthorisedPurchase);
        await desk.DoAsync(s => s.SubmitEvidenceAsync(open.Id, new MerchantEvidence("Signed for at the door."), "merchant:m", default));
        var withdrawn = await desk.ReportAsync(withdrawnOrder, DisputeReason.UnauthorisedPurchase);
        await desk.DoAsync(s => s.WithdrawAsync(withdrawn.Id, null, "customer:shopper", default));
        var reviewFrom = open.FinalResponseBy - TimeSpan.FromDays(7);

        app.AdvanceToJustBefore(reviewFrom);
        await app.TickAsync();
        var early = await desk.DisputeAsync(open.Id);
        desk.AdvancePast(reviewFrom);
        await app.TickAsync();
        var flagged = await desk.DisputeAsync(open.Id);
        var nearWatch = await app.WatchAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.TickAsync();
        var stillFlagged = await desk.DisputeAsync(open.Id);
        desk.AdvancePast(open.FinalResponseBy);
        await app.TickAsync();
        await app.TickAsync();
        var missed = await desk.DisputeAsync(open.Id);
        var missedWatch = await app.WatchAsync();
        await desk.DoAsync(s => s.DecideAsync(open.Id, new DisputeDecision(true, DisputeOutcomeDetail.EvidenceCompelling), "user:staff", default));
        var closedWatch = await app.WatchAsync();

        Assert.Null(early.PriorityReviewSince);
        Assert.NotNull(flagged.PriorityReviewSince);
        Assert.Null(flagged.RegulatoryDeadlineMissedAt);
        Assert.Equal(flagged.PriorityReviewSince, stillFlagged.PriorityReviewSince);
        Assert.Equal(DisputeState.Representment, missed.State);
        Assert.True(missed.RegulatoryDeadlineMissedAt >= missed.FinalResponseBy);
        Assert.Equal((1, 0), (nearWatch.PriorityCount, nearWatch.MissedCount));
        Assert.Equal(open.Id, Assert.Single(nearWatch.Priority).Id);
        Assert.Equal((0, 1, 0), (missedWatch.PriorityCount, missedWatch.MissedCount, missedWatch.ClosedLateCount));
        Assert.Equal(open.Id, Assert.Single(missedWatch.Missed).Id);
        Assert.Equal((0, 0, 1), (closedWatch.PriorityCount, closedWatch.MissedCount, closedWatch.ClosedLateCount));
        var flags = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == $"dispute:{open.Id}" && e.Actor == DisputeTimers.Actor)
            .Select(e => e.Action).ToListAsync());
        Assert.Equal(["dispute.priority-review", "dispute.regulatory-deadline-missed"], flags.Order());
        var closedEarly = await desk.DisputeAsync(withdrawn.Id);
        Assert.Equal((null, null), (closedEarly.PriorityReviewSince, closedEarly.RegulatoryDeadlineMissedAt));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_dispute_the_timer_cannot_move_is_passed_over_while_the_others_fire_and_is_retried_after_a_backoff(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        // Reported first, so its deadline is the earliest and the batch meets it before the others.
        var stuck = await desk.ReportAsync((await desk.ShopperWithOrderAsync()).Order, DisputeReason.UnauthorisedPurchase, amount: 12_345);
        var others = new List<Dispute>();
        for (var i = 0; i < 3; i++)
        {
            others.Add(await desk.ReportAsync((await desk.ShopperWithOrderAsync()).Order, DisputeReason.UnauthorisedPurchase));
        }

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(RefuseUpdatesOf12345(provider)));
        desk.AdvancePast(others[^1].MerchantDeadline);
        var blocked = await app.TickAsync();
        var stuckMeanwhile = await desk.DisputeAsync(stuck.Id);
        var refundsMeanwhile = await desk.RefundsAsync(stuck.OrderId);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(provider == Provider.Postgres ? "DROP TRIGGER refuse_12345 ON disputes_disputes" : "DROP TRIGGER refuse_12345"));
        var tooSoon = await app.TickAsync();
        app.Clock.Advance(app.Services.GetRequiredService<IOptions<EventOptions>>().Value.RetryDelay(1));
        var retried = await app.TickAsync();

        Assert.Equal(3, blocked[DisputeTimer.MerchantDeadlinePassed]);
        Assert.Equal((DisputeState.Initiated, 1), (stuckMeanwhile.State, stuckMeanwhile.Transitions.Count));
        Assert.Empty(refundsMeanwhile);
        Assert.Equal(0, tooSoon[DisputeTimer.MerchantDeadlinePassed]);
        Assert.Equal(1, retried[DisputeTimer.MerchantDeadlinePassed]);
        foreach (var dispute in others.Append(stuck))
        {
            var after = await desk.DisputeAsync(dispute.Id);
            Assert.Equal(DisputeState.Closed, after.State);
            Assert.Single(after.Transitions, t => t.Move == DisputeMove.ExpireMerchantDeadline);
            Assert.Single(await desk.RefundsAsync(dispute.OrderId));
        }
    }

    /// <summary>A database that refuses to update one dispute, as a constraint or a broken row would.</summary>
    private static string RefuseUpdatesOf12345(Provider provider) => provider == Provider.Postgres
        ? """
          CREATE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
          CREATE TRIGGER refuse_12345 BEFORE UPDATE ON disputes_disputes FOR EACH ROW WHEN (OLD."DisputedMinor" = 12345) EXECUTE FUNCTION refuse_update();
          """
        : """
          CREATE TRIGGER refuse_12345 BEFORE UPDATE ON disputes_disputes WHEN OLD."DisputedMinor" = 12345
          BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
          """;
}

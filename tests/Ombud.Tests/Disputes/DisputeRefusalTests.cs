using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes;

public sealed class DisputeRefusalTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Reporting_a_problem_pauses_the_plan_at_once(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (customer, order) = await desk.ShopperWithOrderAsync();

        var dispute = await desk.ReportAsync(order, DisputeReason.GoodsOrServiceNotReceived);

        var plan = await desk.PlanAsync(order);
        Assert.Equal(DisputeState.Reported, dispute.State);
        Assert.Equal(30_000, dispute.HeldMinor);
        Assert.Equal([0L, 10_000L, 10_000L, 10_000L], plan.Instalments.OrderBy(i => i.Sequence).Select(i => i.HeldMinor));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, plan.HeldSince);
        var reported = Assert.Single(dispute.Transitions);
        Assert.Equal((DisputeMove.Report, "customer:shopper"), (reported.Move, reported.Actor));
        var overApi = (await desk.OrderOverApiAsync(order)).GetProperty("plan");
        Assert.Equal(30_000, overApi.GetProperty("held").GetInt64());
        Assert.Equal([0L, 10_000L, 10_000L, 10_000L], overApi.GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("held").GetInt64()));

        // Held instalments are owed but never overdue while the dispute runs.
        app.Clock.Advance(TimeSpan.FromDays(20));
        var balance = await desk.BalanceAsync(customer);
        Assert.Equal((30_000L, 0L), (balance.Outstanding.Minor, balance.Overdue.Minor));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_move_out_of_order_is_refused_naming_the_state_and_the_allowed_moves_and_changes_nothing(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.DefectiveOrNotAsDescribed);
        var evidence = new MerchantEvidence("Tested before dispatch");

        var early = await desk.TryAsync(s => s.SubmitEvidenceAsync(dispute.Id, evidence, "merchant:m", default));

        Assert.Equal(
            "Evidence can only be submitted while the dispute is initiated (it is reported); allowed now: register return, add information, message shopper, refund in store, mark settled, decline settlement, withdraw, escalate.",
            Assert.IsType<Conflict>(early.Error).Detail);
        Assert.Single((await desk.DisputeAsync(dispute.Id)).Transitions);

        desk.AdvancePast(dispute.StoreResolutionDeadline);
        await desk.DoAsync(s => s.EscalateAsync(dispute.Id, "system", default));
        await desk.DoAsync(s => s.SubmitEvidenceAsync(dispute.Id, evidence, "merchant:m", default));
        var twice = await desk.TryAsync(s => s.SubmitEvidenceAsync(dispute.Id, evidence, "merchant:m", default));

        Assert.Equal(
            "Evidence can only be submitted while the dispute is initiated (it is in representment); allowed now: decide, add information, withdraw.",
            Assert.IsType<Conflict>(twice.Error).Detail);
        var after = await desk.DisputeAsync(dispute.Id);
        Assert.Equal((DisputeState.Representment, 3), (after.State, after.Transitions.Count));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Evidence_after_the_deadline_is_refused_and_the_missed_deadline_is_an_automatic_loss(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.UnauthorisedPurchase);

        var tooSoon = await desk.TryAsync(s => s.ExpireMerchantDeadlineAsync(dispute.Id, "system", default));
        Assert.IsType<Conflict>(tooSoon.Error);

        desk.AdvancePast(dispute.MerchantDeadline);
        var late = await desk.TryAsync(s => s.SubmitEvidenceAsync(dispute.Id, new MerchantEvidence("Too late"), "merchant:m", default));

        Assert.Contains("deadline passed", Assert.IsType<Conflict>(late.Error).Detail);
        Assert.Equal(DisputeState.Initiated, (await desk.DisputeAsync(dispute.Id)).State);

        var lost = await desk.DoAsync(s => s.ExpireMerchantDeadlineAsync(dispute.Id, "system", default));
        Assert.Equal((DisputeOutcome.MerchantLost, DisputeOutcomeDetail.MerchantDidNotReply), (lost.Outcome, lost.OutcomeDetail));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_refund_above_the_disputed_amount_is_refused_and_nothing_changes(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.IncorrectAmount, amount: 12_000);
        desk.AdvancePast(dispute.StoreResolutionDeadline);
        await desk.DoAsync(s => s.EscalateAsync(dispute.Id, "system", default));

        var tooMuch = await desk.TryAsync(s => s.AcceptLossAsync(dispute.Id, new Money(12_001, "SEK"), null, "merchant:m", default));

        Assert.Contains("refund", Assert.IsType<Invalid>(tooMuch.Error).Errors.Keys);
        var after = await desk.DisputeAsync(dispute.Id);
        Assert.Equal((DisputeState.Initiated, 0L, 2), (after.State, after.RefundMinor, after.Transitions.Count));
        Assert.Empty(await desk.RefundsAsync(order));
        Assert.Equal(12_000, (await desk.PlanAsync(order)).Held.Minor);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_report_escalates_only_after_the_store_period_which_a_registered_return_extends_to_28_days(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.RefundNotProcessed);

        var early = await desk.TryAsync(s => s.EscalateAsync(dispute.Id, "system", default));
        Assert.IsType<Conflict>(early.Error);

        var returned = await desk.DoAsync(s => s.RegisterReturnAsync(dispute.Id, "DHL", "JD0141234567", "customer:shopper", default));
        Assert.Equal(dispute.ReportedAt.AddDays(28), returned.StoreResolutionDeadline);

        app.Clock.Advance(TimeSpan.FromDays(22));
        Assert.IsType<Conflict>((await desk.TryAsync(s => s.EscalateAsync(dispute.Id, "system", default))).Error);

        app.Clock.Advance(TimeSpan.FromDays(6));
        var escalated = await desk.DoAsync(s => s.EscalateAsync(dispute.Id, "system", default));
        Assert.Equal(DisputeState.Initiated, escalated.State);
        Assert.Equal(escalated.EscalatedAt!.Value.AddDays(21), escalated.MerchantDeadline);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_second_report_on_an_order_with_an_open_dispute_is_refused(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        await desk.ReportAsync(order, DisputeReason.Other);

        var second = await desk.TryAsync(s => s.ReportAsync(new ProblemReport(order, DisputeReason.UnauthorisedPurchase, null), "customer:shopper", default));

        Assert.IsType<Conflict>(second.Error);
        Assert.Equal(0, await desk.OutboxCountAsync(UnauthorisedPurchaseReported.Type));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_closed_dispute_allows_nothing(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.Other);
        await desk.DoAsync(s => s.WithdrawAsync(dispute.Id, null, "customer:shopper", default));

        var again = await desk.TryAsync(s => s.AddInformationAsync(dispute.Id, "One more thing", "customer:shopper", default));

        Assert.EndsWith("(it is closed); allowed now: nothing, it is final.", Assert.IsType<Conflict>(again.Error).Detail);
    }
}

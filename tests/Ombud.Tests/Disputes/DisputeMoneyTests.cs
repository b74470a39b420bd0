using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes;

public sealed class DisputeMoneyTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_won_dispute_on_one_line_of_a_financed_order_refunds_the_line_with_its_interest_and_resumes_the_rest(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (customer, order) = await desk.ShopperWithFinancedOrderAsync();
        var before = await desk.PlanAsync(order);

        var dispute = await desk.DoAsync(s => s.ReportAsync(new ProblemReport(order, DisputeReason.DefectiveOrNotAsDescribed, "Zip broken", LineNumber: 2), "customer:shopper", default));
        Assert.Equal((20_000L, 20_000L), (dispute.DisputedMinor, (await desk.PlanAsync(order)).Held.Minor));
        desk.AdvancePast(dispute.StoreResolutionDeadline);
        await desk.DoAsync(s => s.EscalateAsync(dispute.Id, "system", default));
        await desk.DoAsync(s => s.AcceptLossAsync(dispute.Id, null, null, "merchant:m", default));

        var plan = await desk.PlanAsync(order);
        var refund = Assert.Single(await desk.RefundsAsync(order));
        var forgiven = before.InterestMinor * 20_000 / before.PrincipalMinor;
        Assert.Equal((20_000L, forgiven, 0L), (refund.AmountMinor, refund.InterestForgivenMinor, refund.ReturnedToCustomerMinor));
        Assert.Equal(before.ScheduledTotal.Minor - 20_000 - forgiven, plan.Outstanding.Minor);
        Assert.Equal(plan.Outstanding, (await desk.BalanceAsync(customer)).Outstanding);
        Assert.Equal(0, plan.Held.Minor);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_disputed_amount_beyond_the_line_or_a_line_the_order_lacks_is_refused_and_nothing_is_held(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithFinancedOrderAsync();

        var tooMuch = await desk.TryAsync(s => s.ReportAsync(new ProblemReport(order, DisputeReason.IncorrectAmount, null, LineNumber: 2, AmountMinor: 20_001), "customer:shopper", default));
        var noLine = await desk.TryAsync(s => s.ReportAsync(new ProblemReport(order, DisputeReason.IncorrectAmount, null, LineNumber: 3), "customer:shopper", default));
        var noOrder = await desk.TryAsync(s => s.ReportAsync(new ProblemReport(Guid.NewGuid(), DisputeReason.IncorrectAmount, null), "customer:shopper", default));

        Assert.Contains("amount", Assert.IsType<Invalid>(tooMuch.Error).Errors.Keys);
        Assert.Contains("lineNumber", Assert.IsType<Invalid>(noLine.Error).Errors.Keys);
        Assert.IsType<NotFound>(noOrder.Error);
        Assert.Equal(0, (await desk.PlanAsync(order)).Held.Minor);
    }
}

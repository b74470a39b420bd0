using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes;

/// <summary>Every reason walked to every outcome it can reach, with the money reconciled to the minor unit after each.</summary>
public sealed class DisputeLifecycleTests
{
    public enum Ending
    {
        SettledWithStore,
        Withdrawn,
        MerchantAcceptsInFull,
        MerchantAcceptsInPart,
        MerchantDoesNotReply,
        EvidenceWins,
        PreliminaryLossNotAppealed,
        AppealUpheld,
        AppealRejectedInPart,
    }

    private const long Part = 15_000;

    public static TheoryData<Provider, Ending> Walks()
    {
        var data = new TheoryData<Provider, Ending>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            foreach (var ending in Enum.GetValues<Ending>())
            {
                data.Add(provider, ending);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task Every_reason_reaches_the_ending_and_the_money_reconciles(Provider provider, Ending ending)
    {
        // Staff decide every dispute here: with no proof-of-delivery threshold the automatic rule (tested over HTTP) stays out.
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["Ombud:Disputes:ProofOfDeliveryThresholds:SEK"] = "0" });
        var desk = await DisputeDesk.OpenAsync(app);
        var reasons = Enum.GetValues<DisputeReason>()
            // Only a report the shopper made with the store in the loop can be settled with the store.
            .Where(r => ending != Ending.SettledWithStore || r is not (DisputeReason.UnauthorisedPurchase or DisputeReason.HighRiskPurchase));

        foreach (var reason in reasons)
        {
            var (customer, order) = await desk.ShopperWithOrderAsync();
            var original = (await desk.PlanAsync(order)).Instalments.OrderBy(i => i.Sequence).Select(i => i.DueDate).ToList();

            var dispute = await WalkAsync(desk, order, reason, ending);

            Assert.Equal(DisputeState.Closed, dispute.State);
            Assert.Equal(ExpectedOutcome(ending), dispute.Outcome);
            await AssertMoneyReconcilesAsync(desk, customer, order, dispute, original, ExpectedRefund(ending));
        }
    }

    private static async Task<Dispute> WalkAsync(DisputeDesk desk, Guid order, DisputeReason reason, Ending ending)
    {
        var dispute = await desk.ReportAsync(order, reason);
        var id = dispute.Id;
        const string merchant = "merchant:nordljud";
        const string provider = "user:case-handler";
        switch (ending)
        {
            case Ending.SettledWithStore:
                return await desk.DoAsync(s => s.MarkSettledAsync(id, "The store sent a replacement", "customer:shopper", default));
            case Ending.Withdrawn:
                return await desk.DoAsync(s => s.WithdrawAsync(id, "Found it in the garage", "customer:shopper", default));
        }

        if (dispute.State == DisputeState.Reported)
        {
            desk.AdvancePast(dispute.StoreResolutionDeadline);
            dispute = await desk.DoAsync(s => s.EscalateAsync(id, "system", default));
        }

        Assert.Equal(DisputeState.Initiated, dispute.State);
        var evidence = new MerchantEvidence("Delivered to the door, signed for", "PostNord", "PN123456789SE");
        switch (ending)
        {
            case Ending.MerchantAcceptsInFull:
                return await desk.DoAsync(s => s.AcceptLossAsync(id, null, "We could not find the parcel", merchant, default));
            case Ending.MerchantAcceptsInPart:
                return await desk.DoAsync(s => s.AcceptLossAsync(id, new Money(Part, "SEK"), "One item was damaged", merchant, default));
            case Ending.MerchantDoesNotReply:
                desk.AdvancePast(dispute.MerchantDeadline);
                return await desk.DoAsync(s => s.ExpireMerchantDeadlineAsync(id, "system", default));
        }

        await desk.DoAsync(s => s.SubmitEvidenceAsync(id, evidence, merchant, default));
        if (ending == Ending.EvidenceWins)
        {
            return await desk.DoAsync(s => s.DecideAsync(id, new DisputeDecision(true, DisputeOutcomeDetail.ProofOfDelivery), provider, default));
        }

        var refund = ending == Ending.AppealRejectedInPart ? new Money(Part, "SEK") : (Money?)null;
        dispute = await desk.DoAsync(s => s.DecideAsync(id, new DisputeDecision(false, DisputeOutcomeDetail.InsufficientProofOfDelivery, refund), provider, default));
        Assert.Equal(DisputeState.PreArbitration, dispute.State);
        if (ending == Ending.PreliminaryLossNotAppealed)
        {
            desk.AdvancePast(dispute.AppealDeadline);
            return await desk.DoAsync(s => s.CloseAsync(id, "system", default));
        }

        await desk.DoAsync(s => s.AppealAsync(id, "The signature matches the shopper's", merchant, default));
        return ending == Ending.AppealUpheld
            ? await desk.DoAsync(s => s.DecideAsync(id, new DisputeDecision(true, DisputeOutcomeDetail.AppealUpheld), provider, default))
            : await desk.DoAsync(s => s.DecideAsync(id, new DisputeDecision(false, DisputeOutcomeDetail.AppealRejected, refund), provider, default));
    }

    internal static async Task AssertMoneyReconcilesAsync(DisputeDesk desk, Guid customer, Guid order, Dispute dispute,
        List<DateOnly> originalDueDates, long expectedRefund)
    {
        var plan = await desk.PlanAsync(order);
        var refunds = await desk.RefundsAsync(order);
        var balance = await desk.BalanceAsync(customer);
        var unpaid = DisputeDesk.Total - DisputeDesk.FirstInstalment;

        Assert.Equal(expectedRefund, refunds.Sum(r => r.AmountMinor));
        Assert.All(refunds, r => Assert.Equal(r.AmountMinor, r.ReducedScheduleMinor + r.ReturnedToCustomerMinor));
        Assert.Equal(expectedRefund == 0 ? null : refunds.Single().Id, dispute.RefundId);
        Assert.Equal(plan.ScheduledTotal.Minor - refunds.Sum(r => r.ReducedScheduleMinor), plan.Instalments.Sum(i => i.AmountMinor));
        Assert.Equal(DisputeDesk.FirstInstalment, plan.Paid.Minor);
        Assert.Equal(unpaid - Math.Min(expectedRefund, unpaid), plan.Outstanding.Minor);
        Assert.Equal(plan.Outstanding, balance.Outstanding);
        Assert.Equal(Math.Max(0, expectedRefund - unpaid), balance.Credit.Minor);
        Assert.Equal(0, plan.Held.Minor);
        Assert.Null(plan.HeldSince);
        Assert.All(plan.Instalments, i => Assert.Equal(0, i.LateFeeMinor));

        // What still has to be paid resumes later by exactly the days collection was paused; the paid one stays put.
        var paused = DateOnly.FromDateTime(dispute.ClosedAt!.Value).DayNumber - DateOnly.FromDateTime(dispute.ReportedAt).DayNumber;
        foreach (var instalment in plan.Instalments)
        {
            var expected = instalment.Sequence == 1 ? originalDueDates[0] : originalDueDates[instalment.Sequence - 1].AddDays(paused);
            if (instalment.AmountMinor > 0)
            {
                Assert.Equal(expected, instalment.DueDate);
            }
        }
    }

    private static long ExpectedRefund(Ending ending) => ending switch
    {
        Ending.MerchantAcceptsInFull or Ending.MerchantDoesNotReply or Ending.PreliminaryLossNotAppealed => DisputeDesk.Total,
        Ending.MerchantAcceptsInPart or Ending.AppealRejectedInPart => Part,
        _ => 0,
    };

    private static DisputeOutcome ExpectedOutcome(Ending ending) => ending switch
    {
        Ending.SettledWithStore => DisputeOutcome.SettledWithStore,
        Ending.Withdrawn => DisputeOutcome.Withdrawn,
        Ending.EvidenceWins or Ending.AppealUpheld => DisputeOutcome.MerchantWon,
        _ => DisputeOutcome.MerchantLost,
    };
}

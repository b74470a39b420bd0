using System.Net.Http.Json;
using System.Text.Json;
using Ombud.Disputes;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Http;

/// <summary>
/// Every reason walked to every outcome it can reach through the API, each side with its own credentials; the
/// timers' moves run through the service as the timers will. Money reconciles to the minor unit after each walk.
/// </summary>
public sealed class DisputeApiWalkTests
{
    private const long Part = 15_000;

    public static TheoryData<Provider, DisputeLifecycleTests.Ending> Walks() => DisputeLifecycleTests.Walks();

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task Every_reason_reaches_the_ending_over_HTTP_and_the_money_reconciles(Provider provider, DisputeLifecycleTests.Ending ending)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var reasons = Enum.GetValues<DisputeReason>()
            .Where(r => ending != DisputeLifecycleTests.Ending.SettledWithStore || r is not (DisputeReason.UnauthorisedPurchase or DisputeReason.HighRiskPurchase));

        foreach (var reason in reasons)
        {
            var shop = await parties.ShopAsync();
            var original = (await parties.Desk.PlanAsync(shop.Order)).Instalments.OrderBy(i => i.Sequence).Select(i => i.DueDate).ToList();

            var (id, lastWho) = await WalkAsync(parties, shop, reason, ending);

            var dispute = await parties.Desk.DisputeAsync(id);
            Assert.Equal(DisputeState.Closed, dispute.State);
            Assert.Equal(ExpectedOutcome(ending), dispute.Outcome);
            await DisputeLifecycleTests.AssertMoneyReconcilesAsync(parties.Desk, shop.Customer, shop.Order, dispute, original, ExpectedRefund(ending));

            // Both parties read the same outcome and the same plain-language explanation; the shopper sees who did it in their terms.
            var shopper = await shop.ShopperAgainAsync();
            var seenByShopper = await DisputeParties.OkAsync(await shopper.GetAsync($"{DisputeParties.Shopper}/{id}"));
            var seenByMerchant = await DisputeParties.OkAsync(await shop.MerchantApi.GetAsync($"{DisputeParties.Merchant}/{id}"));
            var explanation = seenByShopper.GetProperty("dispute").GetProperty("explanation").GetString();
            Assert.False(string.IsNullOrWhiteSpace(explanation));
            Assert.Equal(dispute.Explanation, explanation);
            Assert.Equal(explanation, seenByMerchant.GetProperty("dispute").GetProperty("explanation").GetString());
            Assert.Equal("closed", seenByShopper.GetProperty("dispute").GetProperty("state").GetString());
            Assert.Empty(seenByShopper.GetProperty("dispute").GetProperty("yourMoves").EnumerateArray());
            var timeline = seenByShopper.GetProperty("timeline").EnumerateArray().ToList();
            Assert.Equal(dispute.Transitions.Count, timeline.Count);
            Assert.Equal(lastWho, timeline[^1].GetProperty("who").GetString());
            Assert.Equal(reason == DisputeReason.HighRiskPurchase ? "Ombud" : "you", timeline[0].GetProperty("who").GetString());
        }
    }

    /// <summary>Walks one dispute to <paramref name="ending"/>; returns its id and who the shopper is told took the last step.</summary>
    private static async Task<(Guid Id, string LastWho)> WalkAsync(DisputeParties parties, Shop shop, DisputeReason reason, DisputeLifecycleTests.Ending ending)
    {
        var id = await parties.ReportAsync(shop, reason);
        switch (ending)
        {
            case DisputeLifecycleTests.Ending.SettledWithStore:
                await DisputeParties.CreatedAsync(await shop.Shopper.PostAsJsonAsync($"{DisputeParties.Shopper}/{id}/settlement", new { note = "The store sent a replacement" }));
                return (id, "you");
            case DisputeLifecycleTests.Ending.Withdrawn:
                await DisputeParties.CreatedAsync(await shop.Shopper.PostAsJsonAsync($"{DisputeParties.Shopper}/{id}/withdrawal", new { note = "Found it" }));
                return (id, "you");
        }

        await parties.EscalateAsync(id);
        switch (ending)
        {
            case DisputeLifecycleTests.Ending.MerchantAcceptsInFull:
                await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/acceptance", new { note = "Parcel lost" }));
                return (id, "the store");
            case DisputeLifecycleTests.Ending.MerchantAcceptsInPart:
                await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/acceptance", new { refund = Part, note = "One item damaged" }));
                return (id, "the store");
            case DisputeLifecycleTests.Ending.MerchantDoesNotReply:
                parties.Desk.AdvancePast((await parties.Desk.DisputeAsync(id)).MerchantDeadline);
                await parties.Desk.DoAsync(s => s.ExpireMerchantDeadlineAsync(id, DisputeActors.System, default));
                return (id, "Ombud");
        }

        // Proof of delivery (carrier and tracking) lets the rule decide a not-received claim under the threshold; the
        // walks that need staff answer without tracking.
        var proof = ending == DisputeLifecycleTests.Ending.EvidenceWins;
        var fields = new Dictionary<string, string> { ["text"] = "Delivered to the door, signed for" };
        if (proof)
        {
            (fields["carrier"], fields["trackingNumber"]) = ("PostNord", "PN123456789SE");
        }

        var answered = await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence",
            DisputeParties.Form(fields, EvidenceSample.Pdf())));
        if (proof && reason == DisputeReason.GoodsOrServiceNotReceived)
        {
            Assert.Equal(("closed", "proofOfDelivery"), (answered.GetProperty("state").GetString(), answered.GetProperty("outcomeDetail").GetString()));
            return (id, "Ombud");
        }

        Assert.Equal("representment", answered.GetProperty("state").GetString());
        if (proof)
        {
            await DecideAsync(parties, id, new { winner = "merchant", detail = "evidenceCompelling", explanation = "The signature matches the shopper's." });
            return (id, "Ombud");
        }

        var refund = ending == DisputeLifecycleTests.Ending.AppealRejectedInPart ? Part : (long?)null;
        var preliminary = await DecideAsync(parties, id, new { winner = "shopper", detail = "insufficientProofOfDelivery", refund, explanation = "No proof the parcel arrived." });
        Assert.Equal("preArbitration", preliminary.GetProperty("state").GetString());
        if (ending == DisputeLifecycleTests.Ending.PreliminaryLossNotAppealed)
        {
            parties.Desk.AdvancePast((await parties.Desk.DisputeAsync(id)).AppealDeadline);
            await parties.Desk.DoAsync(s => s.CloseAsync(id, DisputeActors.System, default));
            return (id, "Ombud");
        }

        await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/appeal", new { text = "The courier photo shows the door" }));
        await (ending == DisputeLifecycleTests.Ending.AppealUpheld
            ? DecideAsync(parties, id, new { winner = "merchant", detail = "appealUpheld", explanation = "The photo shows the shopper's door." })
            : DecideAsync(parties, id, new { winner = "shopper", detail = "appealRejected", refund, explanation = "The photo shows another door." }));
        return (id, "Ombud");
    }

    private static async Task<JsonElement> DecideAsync(DisputeParties parties, Guid id, object decision) =>
        await DisputeParties.CreatedAsync(await parties.StaffApi.PostAsJsonAsync($"{DisputeParties.Staff}/{id}/decision", decision));

    private static long ExpectedRefund(DisputeLifecycleTests.Ending ending) => ending switch
    {
        DisputeLifecycleTests.Ending.MerchantAcceptsInFull or DisputeLifecycleTests.Ending.MerchantDoesNotReply
            or DisputeLifecycleTests.Ending.PreliminaryLossNotAppealed => DisputeDesk.Total,
        DisputeLifecycleTests.Ending.MerchantAcceptsInPart or DisputeLifecycleTests.Ending.AppealRejectedInPart => Part,
        _ => 0,
    };

    private static DisputeOutcome ExpectedOutcome(DisputeLifecycleTests.Ending ending) => ending switch
    {
        DisputeLifecycleTests.Ending.SettledWithStore => DisputeOutcome.SettledWithStore,
        DisputeLifecycleTests.Ending.Withdrawn => DisputeOutcome.Withdrawn,
        DisputeLifecycleTests.Ending.EvidenceWins or DisputeLifecycleTests.Ending.AppealUpheld => DisputeOutcome.MerchantWon,
        _ => DisputeOutcome.MerchantLost,
    };
}

using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Commerce.DemoWorld;
using Ombud.Disputes.Evidence;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Demo;

/// <summary>
/// The demo world's disputes, one in every state of the lifecycle, so each can be seen and tried on one laptop: in
/// the store period (untouched, and with the store's offer waiting for the shopper), awaiting the merchant's answer,
/// answered, decided for the shopper (appeal window open) and for the merchant, appealed, closed after the appeal,
/// settled with the store, withdrawn, with evidence files on both sides. Each is walked through the product's own
/// use cases, one unit of work a step, so its steps, audit entries, events, timers and money are what real ones make.
/// The demo shopper and the demo merchant's store get several each; the rest go to other customers and stores.
/// </summary>
internal sealed class DemoDisputes : IDemoWorldPart
{
    private const string Staff = "user:demo-staff";

    private static readonly Scenario[] Scenarios =
    [
        new("in the store period", Party.Merchant, DisputeReason.DefectiveOrNotAsDescribed, []),
        new("in the store period, the store's offer waiting", Party.Shopper, DisputeReason.DefectiveOrNotAsDescribed, [Step.Offer]),
        new("awaiting the merchant's answer", Party.Merchant, DisputeReason.GoodsOrServiceNotReceived, [Step.Message, Step.GoOn]),
        new("awaiting the merchant's answer (unauthorised)", Party.Shopper, DisputeReason.UnauthorisedPurchase, [Step.Photo]),
        new("answered by the merchant, under review", Party.Merchant, DisputeReason.DefectiveOrNotAsDescribed, [Step.Photo, Step.Message, Step.GoOn, Step.Evidence]),
        new("decided for the shopper, appeal window open", Party.Shopper, DisputeReason.DefectiveOrNotAsDescribed,
            [Step.Photo, Step.Message, Step.GoOn, Step.Evidence, Step.ForShopper]),
        new("decided for the merchant", Party.Any, DisputeReason.GoodsOrServiceNotReceived, [Step.Message, Step.GoOn, Step.Evidence, Step.ForMerchant]),
        new("appealed", Party.Merchant, DisputeReason.DefectiveOrNotAsDescribed, [Step.Photo, Step.Message, Step.GoOn, Step.Evidence, Step.ForShopper, Step.Appeal]),
        new("closed after the appeal", Party.Any, DisputeReason.DefectiveOrNotAsDescribed,
            [Step.Message, Step.GoOn, Step.Evidence, Step.ForShopper, Step.Appeal, Step.AppealRejected]),
        new("settled with the store", Party.Shopper, DisputeReason.RefundNotProcessed, [Step.Offer, Step.Settle]),
        new("withdrawn", Party.Any, DisputeReason.Other, [Step.Withdraw]),
    ];

    private enum Party
    {
        Shopper,
        Merchant,
        Any,
    }

    private enum Step
    {
        Message,
        Offer,
        Settle,
        GoOn,
        Photo,
        Evidence,
        ForShopper,
        ForMerchant,
        Appeal,
        AppealRejected,
        Withdraw,
    }

    public async Task<string> PlantAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var shopper = await DemoWorldStartup.DemoShopperIdAsync(db, ct);
        var merchant = await DemoWorldStartup.BusiestMerchantIdAsync(db, ct);
        // Delivered or shipped orders whose plan is not paused already (a payment difficulty may hold one), oldest first.
        var candidates = await db.Set<Order>().AsNoTracking()
            .Where(o => (o.Status == OrderStatus.Delivered || o.Status == OrderStatus.Shipped) && o.Plan.HeldSince == null)
            .OrderBy(o => o.PlacedAt).ThenBy(o => o.Id)
            .Select(o => new Candidate(o.Id, o.CustomerId, o.MerchantId))
            .ToListAsync(ct);
        var files = await FilesAsync(ct);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var used = new HashSet<Guid>();
        var planted = new List<string>();
        foreach (var scenario in Scenarios)
        {
            var order = candidates.FirstOrDefault(c => !used.Contains(c.OrderId) && scenario.Fits(c, shopper, merchant))
                ?? candidates.FirstOrDefault(c => !used.Contains(c.OrderId) && c.CustomerId != shopper);
            if (order is null)
            {
                break;
            }

            used.Add(order.OrderId);
            if (await WalkAsync(scopes, scenario, order, files, ct))
            {
                planted.Add(scenario.Name);
            }
        }

        return $"Planted {planted.Count} demo dispute(s): {string.Join("; ", planted)}";
    }

    /// <summary>Walks one dispute through its scenario; false (and the steps so far kept) when a step is refused.</summary>
    private static async Task<bool> WalkAsync(IServiceScopeFactory scopes, Scenario scenario, Candidate order, DemoFiles files, CancellationToken ct)
    {
        var customer = DisputeActors.Customer(order.CustomerId);
        var store = DisputeActors.Merchant(order.MerchantId);
        var reported = await RunAsync(scopes, s => s.ReportAsync(new ProblemReport(order.OrderId, scenario.Reason, Words.Claim(scenario.Reason)), customer, ct), ct);
        if (reported is null)
        {
            return false;
        }

        var id = reported.Id;
        var disputed = reported.Disputed;
        foreach (var step in scenario.Steps)
        {
            var done = await RunAsync(scopes, step switch
            {
                Step.Message => s => s.MessageShopperAsync(id, "Sorry to hear that. We are looking into it with the warehouse and come back to you.", store, ct),
                Step.Offer => s => s.RefundInStoreAsync(id, new Money(Math.Max(1, disputed.Minor * 3 / 10), disputed.Currency),
                    "We are sorry. Here is part of it back as a goodwill refund; keep the item.", store, ct),
                Step.Settle => s => s.MarkSettledAsync(id, "The store sorted it out.", customer, ct),
                Step.GoOn => s => s.DeclineSettlementAsync(id, "That does not solve it for me.", customer, ct),
                Step.Photo => s => s.AddInformationAsync(id, "A photo of what arrived.", [files.Photo], customer, ct),
                Step.Evidence => s => s.SubmitEvidenceAsync(id, new MerchantEvidence(
                    "The item was checked before dispatch; our packing record and the carrier's delivery note are attached.", Files: [files.Pdf]), store, ct),
                Step.ForShopper => s => s.DecideAsync(id, new DisputeDecision(false, DisputeOutcomeDetail.EvidenceNotCompelling,
                    Explanation: "The packing record does not show the item's condition on arrival; the shopper's photo does."), Staff, ct),
                Step.ForMerchant => s => s.DecideAsync(id, new DisputeDecision(true, DisputeOutcomeDetail.EvidenceCompelling,
                    Explanation: "The carrier's signed delivery note shows the parcel was received at the shopper's address."), Staff, ct),
                Step.Appeal => s => s.AppealAsync(id, "The photo shows damage in transport, which the carrier covers, not us.", store, ct),
                Step.AppealRejected => s => s.DecideAsync(id, new DisputeDecision(false, DisputeOutcomeDetail.AppealRejected,
                    Explanation: "Damage in transport is the store's to claim from its carrier; the shopper is refunded."), Staff, ct),
                _ => s => s.WithdrawAsync(id, "I found the parcel at a neighbour's.", customer, ct),
            }, ct);
            if (done is null)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<Dispute?> RunAsync(IServiceScopeFactory scopes, Func<DisputeService, Task<Outcome<Dispute>>> step, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<DisputeService>();
        var outcome = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(_ => step(service), ct, "A demo dispute");
        return outcome.Value;
    }

    /// <summary>A photo and a PDF, checked by the same rules as an upload.</summary>
    private static async Task<DemoFiles> FilesAsync(CancellationToken ct)
    {
        var checkedFiles = await EvidenceUploads.CheckAsync(
        [
            new IncomingFile("photo-of-the-item.png", Png.Length, () => new MemoryStream(Png)),
            new IncomingFile("packing-record.pdf", Pdf.Length, () => new MemoryStream(Pdf)),
        ], ct);
        return new DemoFiles(checkedFiles.Value![0], checkedFiles.Value[1]);
    }

    /// <summary>A 1 × 1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>A one-page PDF.</summary>
    private static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private sealed record Candidate(Guid OrderId, Guid CustomerId, Guid MerchantId);

    private sealed record DemoFiles(EvidenceUpload Photo, EvidenceUpload Pdf);

    private sealed record Scenario(string Name, Party For, DisputeReason Reason, Step[] Steps)
    {
        public bool Fits(Candidate order, Guid? shopper, Guid? merchant) => For switch
        {
            Party.Shopper => order.CustomerId == shopper,
            Party.Merchant => order.MerchantId == merchant && order.CustomerId != shopper,
            _ => order.CustomerId != shopper && order.MerchantId != merchant,
        };
    }

    private static class Words
    {
        public static string Claim(DisputeReason reason) => reason switch
        {
            DisputeReason.GoodsOrServiceNotReceived => "The tracking says delivered, but nothing came to my door.",
            DisputeReason.UnauthorisedPurchase => "I did not make this purchase; my card details must have been used by someone else.",
            DisputeReason.RefundNotProcessed => "I sent it back three weeks ago and have had no refund.",
            DisputeReason.Other => "Something is not right with this order.",
            _ => "It arrived scratched and one part does not work.",
        };
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Disputes;
using Ombud.Disputes.Evidence;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Http;

/// <summary>Evidence files and who may read them, the automatic decisions and their explanations, the staff queue.</summary>
public sealed class DisputeEvidenceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Evidence_is_read_by_the_parties_and_staff_only_and_every_read_is_audited(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var stranger = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.DefectiveOrNotAsDescribed);
        await DisputeParties.CreatedAsync(await shop.Shopper.PostAsync($"{DisputeParties.Shopper}/{id}/information", DisputeParties.Form(files: EvidenceSample.Png("crack.png"))));
        await parties.EscalateAsync(id);
        var pdf = EvidenceSample.Pdf("test-report.pdf");
        await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Tested before dispatch" }, pdf)));
        var agentUser = await Web.People.CreateAsync(app, "agent@provider.example", Roles.Agent);
        var agent = await parties.SignInAsync(agentUser.Email!);

        var staffView = await DisputeParties.OkAsync(await agent.GetAsync($"{DisputeParties.Staff}/{id}"));
        Assert.Equal("Tested before dispatch", staffView.GetProperty("evidence").GetProperty("text").GetString());
        Assert.Equal("Something is wrong", staffView.GetProperty("description").GetString());
        var files = staffView.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([("shopper", "crack.png", "image/png"), ("merchant", "test-report.pdf", "application/pdf")],
            files.Select(f => (f.GetProperty("party").GetString(), f.GetProperty("fileName").GetString(), f.GetProperty("contentType").GetString())));
        Assert.Equal(["customer:" + shop.Customer, "system", "merchant:" + shop.Merchant],
            staffView.GetProperty("timeline").EnumerateArray().Skip(1).Select(s => s.GetProperty("actor").GetString()));

        // The shopper downloads the store's file: the bytes sent, as the type they are, never sniffed or rendered inline.
        var merchantFile = files[1].GetProperty("id").GetGuid();
        var shopper = await shop.ShopperAgainAsync();
        var download = await shopper.GetAsync($"{DisputeParties.Shopper}/{id}/files/{merchantFile}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf.Bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var shopperFile = files[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await shop.MerchantApi.GetAsync($"{DisputeParties.Merchant}/{id}/files/{shopperFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await parties.StaffApi.GetAsync($"{DisputeParties.Staff}/{id}/files/{shopperFile}")).StatusCode);
        var shopperView = await DisputeParties.OkAsync(await shopper.GetAsync($"{DisputeParties.Shopper}/{id}"));
        Assert.Equal(["you", "you", "Ombud", "the store"], shopperView.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("who").GetString()));
        Assert.All(shopperView.GetProperty("timeline").EnumerateArray(), s => Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("actor").ValueKind));

        var strangerShopper = await stranger.ShopperAgainAsync();
        await DisputeParties.ProblemAsync(await strangerShopper.GetAsync($"{DisputeParties.Shopper}/{id}/files/{merchantFile}"), HttpStatusCode.NotFound);
        await DisputeParties.ProblemAsync(await stranger.MerchantApi.GetAsync($"{DisputeParties.Merchant}/{id}/files/{shopperFile}"), HttpStatusCode.NotFound);

        var viewed = await parties.AuditAsync(id, "dispute.evidence-viewed");
        Assert.Equal(2, viewed.Count);
        Assert.Contains(viewed, e => e.Actor == "user:" + agentUser.Id && e.Detail!.StartsWith("as staff", StringComparison.Ordinal));
        Assert.Contains(viewed, e => e.Actor.StartsWith("user:", StringComparison.Ordinal) && e.Detail!.StartsWith("as shopper", StringComparison.Ordinal));
        var downloads = await parties.AuditAsync(id, "dispute.file-downloaded");
        Assert.Equal(3, downloads.Count);
        Assert.Contains(downloads, e => e.Actor.StartsWith("key:", StringComparison.Ordinal) && e.Detail!.Contains("as merchant", StringComparison.Ordinal));
        Assert.Contains(downloads, e => e.Detail!.Contains(merchantFile.ToString(), StringComparison.Ordinal) && e.Detail.Contains("as shopper", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Proof_of_delivery_decides_a_small_not_received_claim_at_once_and_says_why(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.GoodsOrServiceNotReceived);
        await parties.EscalateAsync(id);

        var decided = await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Delivered", ["carrier"] = "PostNord", ["trackingNumber"] = "PN123456789SE" })));

        Assert.Equal(("closed", "merchantWon", "proofOfDelivery"),
            (decided.GetProperty("state").GetString(), decided.GetProperty("outcome").GetString(), decided.GetProperty("outcomeDetail").GetString()));
        Assert.Equal("The store showed the parcel was delivered (PostNord, tracking number PN123456789SE). For a claim that goods did not arrive under "
            + "1,000.00 SEK, proof of delivery decides it: the 400.00 SEK stays due on an updated schedule, with no fee for the paused time.",
            decided.GetProperty("explanation").GetString());
        var steps = (await parties.Desk.DisputeAsync(id)).Transitions;
        Assert.Equal((DisputeMove.Decide, "system"), (steps[^1].Move, steps[^1].Actor));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Subject == $"dispute:{id}" && e.Action == "dispute.decide" && e.Actor == "system")));
        Assert.Equal(1, await parties.Desk.OutboxCountAsync("dispute.decided"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Proof_of_delivery_waits_for_staff_above_the_threshold_or_against_the_recorded_tracking(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["Ombud:Disputes:ProofOfDeliveryThresholds:SEK"] = "40000" });
        var parties = await DisputeParties.OpenAsync(app);
        var evidence = () => DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Delivered", ["carrier"] = "PostNord", ["trackingNumber"] = "PN123456789SE" });

        var large = await parties.ShopAsync();
        var atThreshold = await parties.ReportAsync(large, DisputeReason.GoodsOrServiceNotReceived);
        await parties.EscalateAsync(atThreshold);
        Assert.Equal("representment", (await DisputeParties.CreatedAsync(await large.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{atThreshold}/evidence", evidence())))
            .GetProperty("state").GetString());

        var shipped = await parties.ShopAsync();
        var ingest = await app.ClientWithKeyAsync(Scopes.Ingest);
        Assert.Equal(HttpStatusCode.Created, (await ingest.PostAsJsonAsync($"/api/v1/orders/{shipped.Order}/shipment", new { carrier = "PostNord", trackingNumber = "PN000000001SE" })).StatusCode);
        var contradicted = await parties.DisputeOnPartAsync(shipped, 10_000);
        await parties.EscalateAsync(contradicted);
        Assert.Equal("representment", (await DisputeParties.CreatedAsync(await shipped.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{contradicted}/evidence", evidence())))
            .GetProperty("state").GetString());

        // Both wait in the staff queue, the oldest regulatory deadline first.
        var queue = await DisputeParties.OkAsync(await parties.StaffApi.GetAsync($"{DisputeParties.Staff}/queue"));
        Assert.Equal([atThreshold, contradicted], queue.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_staff_queue_puts_the_oldest_regulatory_deadline_first_and_pages(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var ids = new Dictionary<string, Guid>();
        // Reported together: the US allows 60 days, the UK 8 weeks, the EU 35 business days; reported in the other order.
        foreach (var market in new[] { "US", "UK", "SE" })
        {
            var shop = await parties.ShopAsync(market);
            ids[market] = await parties.ReportAsync(shop, DisputeReason.UnauthorisedPurchase);
            await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{ids[market]}/evidence",
                DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Ordered from the shopper's own device" })));
        }

        var waiting = await parties.ShopAsync();
        await parties.ReportAsync(waiting, DisputeReason.UnauthorisedPurchase);

        var first = await DisputeParties.OkAsync(await parties.StaffApi.GetAsync($"{DisputeParties.Staff}/queue?limit=2"));
        var second = await DisputeParties.OkAsync(await parties.StaffApi.GetAsync($"{DisputeParties.Staff}/queue?limit=2&cursor={first.GetProperty("nextCursor").GetString()}"));

        Assert.Equal([ids["SE"], ids["UK"]], first.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));
        Assert.Equal([ids["US"]], second.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(["decide"], first.GetProperty("items")[0].GetProperty("yourMoves").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Silence_and_staff_decisions_are_explained_in_plain_words(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var silent = await parties.ShopAsync();
        var id = await parties.ReportAsync(silent, DisputeReason.DefectiveOrNotAsDescribed);
        await parties.EscalateAsync(id);
        var deadline = (await parties.Desk.DisputeAsync(id)).MerchantDeadline!.Value;
        parties.Desk.AdvancePast(deadline);
        await parties.Desk.DoAsync(s => s.ExpireMerchantDeadlineAsync(id, DisputeActors.System, default));

        var seen = await DisputeParties.OkAsync(await silent.MerchantApi.GetAsync($"{DisputeParties.Merchant}/{id}"));
        Assert.Equal($"The store did not answer by {deadline.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, so the full 400.00 SEK is refunded.",
            seen.GetProperty("dispute").GetProperty("explanation").GetString());
        Assert.Equal("merchantDidNotReply", seen.GetProperty("dispute").GetProperty("outcomeDetail").GetString());

        var partial = await parties.ShopAsync();
        var other = await parties.ReportAsync(partial, DisputeReason.IncorrectAmount);
        await parties.EscalateAsync(other);
        var accepted = await DisputeParties.CreatedAsync(await partial.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{other}/acceptance", new { refund = 15_000 }));
        Assert.Equal("The store accepted the claim in part: 150.00 SEK of the disputed 400.00 SEK is refunded, and the other 250.00 SEK is due "
            + "on an updated schedule, with no fee for the paused time.", accepted.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task A_retried_upload_with_the_same_idempotency_key_stores_its_files_once()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.Other);
        await parties.EscalateAsync(id);

        async Task<HttpResponseMessage> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{DisputeParties.Merchant}/{id}/evidence")
            {
                Content = DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Our terms" }, EvidenceSample.Docx()),
            };
            request.Headers.Add("Idempotency-Key", "evidence-1");
            return await shop.MerchantApi.SendAsync(request);
        }

        var first = await (await SendAsync()).Content.ReadAsStringAsync();
        var retry = await SendAsync();

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first, await retry.Content.ReadAsStringAsync());
        Assert.Equal((3, 1), ((await parties.SnapshotAsync(id, shop.Order)).Steps, await app.WithDbAsync(db => db.Set<EvidenceFile>().CountAsync())));
    }

    [Fact]
    public async Task The_disputes_API_is_described_in_the_OpenAPI_document()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);

        var document = await app.Client().GetStringAsync("/openapi/v1.json");

        foreach (var path in new[]
        {
            "/api/v1/shopper/disputes", "/api/v1/shopper/disputes/{id}/information", "/api/v1/merchant/disputes/{id}/evidence",
            "/api/v1/merchant/disputes/{id}/acceptance", "/api/v1/staff/disputes/queue", "/api/v1/staff/disputes/{id}/decision", "/api/v1/staff/high-risk",
        })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }

        Assert.Contains("multipart/form-data", document, StringComparison.Ordinal);
    }
}

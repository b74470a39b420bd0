using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Disputes;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Http;

/// <summary>Bad input gets a clear 4xx naming the field or the state, and a refused request changes nothing.</summary>
public sealed class DisputeApiRefusalTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_move_out_of_order_evidence_twice_and_evidence_after_the_deadline_are_refused_and_change_nothing(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.DefectiveOrNotAsDescribed);
        var evidence = () => DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Tested before dispatch" }, EvidenceSample.Pdf());

        var before = await parties.SnapshotAsync(id, shop.Order);
        var early = await DisputeParties.ProblemAsync(await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence", evidence()), HttpStatusCode.Conflict);
        Assert.Equal(
            "Evidence can only be submitted while the dispute is initiated (it is reported); allowed now: register return, add information, message shopper, refund in store, mark settled, decline settlement, withdraw, escalate.",
            early.GetProperty("detail").GetString());
        Assert.Equal(before, await parties.SnapshotAsync(id, shop.Order));

        await parties.EscalateAsync(id);
        await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence", evidence()));
        var answered = await parties.SnapshotAsync(id, shop.Order);
        Assert.Equal((DisputeState.Representment, 1), (answered.State, answered.Files));

        var twice = await DisputeParties.ProblemAsync(await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence", evidence()), HttpStatusCode.Conflict);
        Assert.Contains("(it is in representment)", twice.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(answered, await parties.SnapshotAsync(id, shop.Order));

        // A second dispute whose merchant lets the deadline pass: evidence then is refused, files and all.
        var late = await parties.ShopAsync();
        var lateId = await parties.ReportAsync(late, DisputeReason.UnauthorisedPurchase);
        parties.Desk.AdvancePast((await parties.Desk.DisputeAsync(lateId)).MerchantDeadline);
        var beforeLate = await parties.SnapshotAsync(lateId, late.Order);
        var tooLate = await DisputeParties.ProblemAsync(await late.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{lateId}/evidence", evidence()), HttpStatusCode.Conflict);
        Assert.Contains("deadline passed", tooLate.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(beforeLate, await parties.SnapshotAsync(lateId, late.Order));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_merchant_cannot_see_or_touch_another_merchants_dispute(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var other = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.UnauthorisedPurchase);
        await DisputeParties.CreatedAsync(await shop.Shopper.PostAsync($"{DisputeParties.Shopper}/{id}/information",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "My card was used" }, EvidenceSample.Png())));
        var file = (await parties.App.WithDbAsync(db => db.Set<Ombud.Disputes.Evidence.EvidenceFile>().Select(f => f.Id).SingleAsync()));
        var before = await parties.SnapshotAsync(id, shop.Order);

        var stranger = other.MerchantApi;
        await DisputeParties.ProblemAsync(await stranger.GetAsync($"{DisputeParties.Merchant}/{id}"), HttpStatusCode.NotFound);
        await DisputeParties.ProblemAsync(await stranger.GetAsync($"{DisputeParties.Merchant}/{id}/files/{file}"), HttpStatusCode.NotFound);
        await DisputeParties.ProblemAsync(await stranger.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/acceptance", new { }), HttpStatusCode.NotFound);
        await DisputeParties.ProblemAsync(await stranger.PostAsync($"{DisputeParties.Merchant}/{id}/evidence",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Not ours" }, EvidenceSample.Pdf())), HttpStatusCode.NotFound);
        Assert.Empty((await DisputeParties.OkAsync(await stranger.GetAsync(DisputeParties.Merchant))).GetProperty("items").EnumerateArray());

        Assert.Equal(before, await parties.SnapshotAsync(id, shop.Order));
        Assert.Empty(await parties.AuditAsync(id, "dispute.evidence-viewed"));
        Assert.Empty(await parties.AuditAsync(id, "dispute.file-downloaded"));
        // Its own merchant sees it.
        var own = await DisputeParties.OkAsync(await shop.MerchantApi.GetAsync(DisputeParties.Merchant));
        Assert.Equal(id, Assert.Single(own.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_shopper_cannot_report_on_another_customers_order_nor_touch_their_dispute(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var anna = await parties.ShopAsync();
        var bo = await parties.ShopAsync();

        var report = await bo.Shopper.PostAsJsonAsync(DisputeParties.Shopper, new { orderId = anna.Order, reason = "goodsOrServiceNotReceived" });
        Assert.Equal($"No order with id '{anna.Order}'.", (await DisputeParties.ProblemAsync(report, HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Dispute>().CountAsync()));
        Assert.Equal(0, (await parties.Desk.PlanAsync(anna.Order)).Held.Minor);

        var id = await parties.ReportAsync(anna, DisputeReason.GoodsOrServiceNotReceived);
        var before = await parties.SnapshotAsync(id, anna.Order);
        await DisputeParties.ProblemAsync(await bo.Shopper.GetAsync($"{DisputeParties.Shopper}/{id}"), HttpStatusCode.NotFound);
        await DisputeParties.ProblemAsync(await bo.Shopper.PostAsJsonAsync($"{DisputeParties.Shopper}/{id}/withdrawal", new { }), HttpStatusCode.NotFound);
        await DisputeParties.ProblemAsync(await bo.Shopper.PostAsJsonAsync($"{DisputeParties.Shopper}/{id}/return", new { carrier = "DHL", trackingNumber = "1" }), HttpStatusCode.NotFound);
        Assert.Empty((await DisputeParties.OkAsync(await bo.Shopper.GetAsync(DisputeParties.Shopper))).GetProperty("items").EnumerateArray());
        Assert.Equal(before, await parties.SnapshotAsync(id, anna.Order));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Oversized_disguised_and_too_many_files_are_refused_naming_the_field_and_nothing_is_stored(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.GoodsOrServiceNotReceived);
        await parties.EscalateAsync(id);
        var before = await parties.SnapshotAsync(id, shop.Order);
        var text = new Dictionary<string, string> { ["text"] = "Delivered", ["carrier"] = "PostNord", ["trackingNumber"] = "PN1" };

        async Task<string> RefusedAsync(HttpStatusCode status, string field, params EvidenceSample[] files)
        {
            var response = await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence", DisputeParties.Form(text, files));
            var message = DisputeParties.FieldError(await DisputeParties.ProblemAsync(response, status), field);
            Assert.Equal(before, await parties.SnapshotAsync(id, shop.Order));
            return message;
        }

        Assert.Contains("at most 7340032", await RefusedAsync(HttpStatusCode.RequestEntityTooLarge, "files[1]",
            EvidenceSample.Png(), EvidenceSample.Pdf("scan.pdf", (7 * 1024 * 1024) + 1)), StringComparison.Ordinal);
        Assert.Contains("'receipt.pdf' is not a PDF, JPEG, PNG or DOCX", await RefusedAsync(HttpStatusCode.BadRequest, "files[0]", EvidenceSample.ExecutableAsPdf()),
            StringComparison.Ordinal);
        await RefusedAsync(HttpStatusCode.BadRequest, "files[2]", EvidenceSample.Pdf(), EvidenceSample.Jpeg(), EvidenceSample.ZipAsPdf());
        await RefusedAsync(HttpStatusCode.BadRequest, "files[0]", EvidenceSample.ZipAsDocx());
        await RefusedAsync(HttpStatusCode.BadRequest, "files", [.. Enumerable.Range(0, 11).Select(i => EvidenceSample.Png($"photo-{i}.png"))]);

        // Exactly at the limit, and every accepted kind, by content: a PNG declared as a PDF is stored as the PNG it is.
        var accepted = await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence", DisputeParties.Form(text,
            EvidenceSample.Pdf("scan.pdf", 7 * 1024 * 1024), EvidenceSample.Jpeg(), EvidenceSample.Docx(), EvidenceSample.Png() with { Name = "photo.pdf", DeclaredType = "application/pdf" })));
        Assert.Equal("closed", accepted.GetProperty("state").GetString());
        var types = await app.WithDbAsync(db => db.Set<Ombud.Disputes.Evidence.EvidenceFile>().OrderBy(f => f.FileName).Select(f => f.FileName + "=" + f.ContentType).ToListAsync());
        Assert.Equal(["doorstep.jpg=image/jpeg", "photo.pdf=image/png", "scan.pdf=application/pdf",
            "statement.docx=application/vnd.openxmlformats-officedocument.wordprocessingml.document"], types);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_refund_above_the_disputed_amount_and_missing_or_invalid_fields_are_refused_naming_the_field(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();

        async Task FieldAsync(Task<HttpResponseMessage> request, string field, Guid? dispute = null)
        {
            var before = dispute is { } d ? await parties.SnapshotAsync(d, shop.Order) : default;
            DisputeParties.FieldError(await DisputeParties.ProblemAsync(await request, HttpStatusCode.BadRequest), field);
            if (dispute is { } same)
            {
                Assert.Equal(before, await parties.SnapshotAsync(same, shop.Order));
            }
        }

        await FieldAsync(shop.Shopper.PostAsJsonAsync(DisputeParties.Shopper, new { orderId = shop.Order }), "reason");
        await FieldAsync(shop.Shopper.PostAsJsonAsync(DisputeParties.Shopper, new { orderId = shop.Order, reason = "mindChanged" }), "reason");
        await FieldAsync(shop.Shopper.PostAsJsonAsync(DisputeParties.Shopper, new { reason = "other" }), "orderId");
        await FieldAsync(shop.Shopper.PostAsJsonAsync(DisputeParties.Shopper, new { orderId = shop.Order, reason = "other", amount = 40_001 }), "amount");
        await FieldAsync(shop.Shopper.PostAsJsonAsync(DisputeParties.Shopper, new { orderId = shop.Order, reason = "other", lineNumber = 9 }), "lineNumber");
        await FieldAsync(shop.Shopper.PostAsJsonAsync(DisputeParties.Shopper, new { orderId = shop.Order, reason = "highRiskPurchase" }), "reason");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Dispute>().CountAsync()));

        var id = await parties.ReportAsync(shop, DisputeReason.IncorrectAmount);
        await FieldAsync(shop.Shopper.PostAsJsonAsync($"{DisputeParties.Shopper}/{id}/return", new { trackingNumber = "1" }), "carrier", id);
        await FieldAsync(shop.Shopper.PostAsync($"{DisputeParties.Shopper}/{id}/information", DisputeParties.Form(new Dictionary<string, string> { ["text"] = " " })), "text", id);
        await FieldAsync(shop.Shopper.GetAsync($"{DisputeParties.Shopper}?limit=0"), "limit");
        await FieldAsync(shop.MerchantApi.GetAsync($"{DisputeParties.Merchant}?state=lost"), "state");
        await FieldAsync(shop.MerchantApi.GetAsync($"{DisputeParties.Merchant}?cursor=abc"), "cursor");

        await parties.EscalateAsync(id);
        await FieldAsync(shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/acceptance", new { refund = 40_001 }), "refund", id);
        await FieldAsync(shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/acceptance", new { refund = 0 }), "refund", id);
        await FieldAsync(shop.MerchantApi.PostAsJsonAsync($"{DisputeParties.Merchant}/{id}/acceptance", new { refund = 1.5 }), "refund", id);
        await FieldAsync(shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence", DisputeParties.Form(new Dictionary<string, string> { ["carrier"] = "DHL" })), "text", id);
        await FieldAsync(shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Sent", ["carrier"] = "DHL" })), "trackingNumber", id);

        await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "The amount matches the invoice" })));
        var staff = parties.StaffApi;
        await FieldAsync(staff.PostAsJsonAsync($"{DisputeParties.Staff}/{id}/decision", new { winner = "shopper", detail = "evidenceNotCompelling" }), "explanation", id);
        await FieldAsync(staff.PostAsJsonAsync($"{DisputeParties.Staff}/{id}/decision", new { winner = "both", detail = "evidenceNotCompelling", explanation = "x" }), "winner", id);
        await FieldAsync(staff.PostAsJsonAsync($"{DisputeParties.Staff}/{id}/decision",
            new { winner = "shopper", detail = "evidenceNotCompelling", refund = 40_001, explanation = "Charged twice" }), "refund", id);
        await FieldAsync(staff.PostAsJsonAsync($"{DisputeParties.Staff}/{id}/decision",
            new { winner = "merchant", detail = "evidenceCompelling", refund = 100, explanation = "Invoice matches" }), "refund", id);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_decision_whose_outcome_detail_does_not_fit_who_wins_is_refused_naming_the_detail_and_saves_nothing(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.IncorrectAmount);
        await parties.EscalateAsync(id);
        await DisputeParties.CreatedAsync(await shop.MerchantApi.PostAsync($"{DisputeParties.Merchant}/{id}/evidence",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "The amount matches the invoice" })));
        var before = await parties.SnapshotAsync(id, shop.Order);
        var decisionUrl = $"{DisputeParties.Staff}/{id}/decision";

        var forMerchant = await DisputeParties.ProblemAsync(await parties.StaffApi.PostAsJsonAsync(decisionUrl,
            new { winner = "merchant", detail = "insufficientProofOfDelivery", explanation = "The invoice matches" }), HttpStatusCode.BadRequest);
        var appealWords = await DisputeParties.ProblemAsync(await parties.StaffApi.PostAsJsonAsync(decisionUrl,
            new { winner = "shopper", detail = "appealRejected", explanation = "Charged twice" }), HttpStatusCode.BadRequest);

        Assert.Equal("A decision for the merchant gives one of: proofOfDelivery, evidenceCompelling; not insufficientProofOfDelivery.",
            DisputeParties.FieldError(forMerchant, "detail"));
        Assert.Contains("appealRejected", DisputeParties.FieldError(appealWords, "detail"), StringComparison.Ordinal);
        Assert.Equal(before, await parties.SnapshotAsync(id, shop.Order));
        Assert.Empty(await parties.AuditAsync(id, "dispute.decide"));
        Assert.Equal(0, await parties.Desk.OutboxCountAsync("dispute.decided"));

        await DisputeParties.CreatedAsync(await parties.StaffApi.PostAsJsonAsync(decisionUrl,
            new { winner = "merchant", detail = "evidenceCompelling", explanation = "The invoice matches" }));
        Assert.Equal(DisputeState.Closed, (await parties.SnapshotAsync(id, shop.Order)).State);
    }

    [Fact]
    public async Task Each_side_needs_its_own_credentials()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var anonymous = app.Client();
        var ingest = await app.ClientWithKeyAsync(Scopes.Ingest);
        var agent = await parties.SignInAsync((await Web.People.CreateAsync(app, "agent@provider.example", Roles.Agent)).Email!);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(DisputeParties.Shopper)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(DisputeParties.Merchant)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{DisputeParties.Staff}/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingest.GetAsync(DisputeParties.Merchant)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingest.GetAsync($"{DisputeParties.Staff}/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shop.MerchantApi.GetAsync($"{DisputeParties.Staff}/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shop.Shopper.GetAsync($"{DisputeParties.Staff}/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await parties.RiskApi.GetAsync($"{DisputeParties.Staff}/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.MerchantApi.GetAsync(DisputeParties.Shopper)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"{DisputeParties.Staff}/queue")).StatusCode);
        await DisputeParties.ProblemAsync(await shop.Shopper.PostAsJsonAsync("/api/v1/staff/high-risk", new { orderId = shop.Order }), HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Dispute>().CountAsync()));
    }
}

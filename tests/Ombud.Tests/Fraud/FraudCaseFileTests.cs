using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Fraud.Cases;
using Ombud.Platform.Auth;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Fraud;

/// <summary>A specialist keeps a file as evidence over the API: it lands on the timeline and downloads as sent; a bad upload keeps nothing.</summary>
public sealed class FraudCaseFileTests
{
    private const string Cases = "/api/v1/fraud/cases";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_file_sent_to_a_case_is_on_its_timeline_and_downloads_as_sent_while_a_bad_upload_keeps_nothing(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var specialist = await People.CreateAsync(app, "fraud.files@provider.example", Roles.FraudSpecialist);
        var world = await ShopperWorld.CreateAsync(app);
        using var browser = new WebSession(app);
        await browser.SignInAsync(specialist.Email!, People.Password);
        await browser.SendPageTokenAsync();
        var opened = await DisputeParties.CreatedAsync(await browser.Http.PostAsJsonAsync(Cases, new { orderId = world.Shoes.Id, summary = "Shoes sent to a new address" }));
        var caseId = opened.GetProperty("id").GetGuid();
        var screenshot = EvidenceSample.Png("post.png");

        await DisputeParties.OkAsync(await browser.Http.PostAsync($"{Cases}/{caseId}/evidence/files", DisputeParties.Form(
            new Dictionary<string, string> { ["text"] = "The buyer's public post shows the shoes", ["link"] = "https://social.example/p/123" }, screenshot)));

        var view = await browser.Http.GetFromJsonAsync<JsonElement>($"{Cases}/{caseId}");
        var kept = view.GetProperty("timeline").EnumerateArray()
            .Single(t => t.TryGetProperty("fileEntryId", out var f) && f.ValueKind == JsonValueKind.String);
        Assert.Contains("public post", kept.GetProperty("title").GetString() + kept.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://social.example/p/123", kept.GetProperty("link").GetString());
        var download = await browser.Http.GetAsync($"{Cases}/{caseId}/files/{kept.GetProperty("fileEntryId").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(screenshot.Bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);

        var before = await EntriesAsync(app, caseId);
        using (var withoutToken = new WebSession(app))
        {
            await withoutToken.SignInAsync(specialist.Email!, People.Password);
            Assert.Equal(HttpStatusCode.BadRequest, (await withoutToken.Http.PostAsync($"{Cases}/{caseId}/evidence/files",
                DisputeParties.Form(new Dictionary<string, string> { ["text"] = "From another site's form" }, EvidenceSample.Png()))).StatusCode);
        }

        await AssertNamesFieldAsync(await browser.Http.PostAsync($"{Cases}/{caseId}/evidence/files",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "No file" })), "files");
        await AssertNamesFieldAsync(await browser.Http.PostAsync($"{Cases}/{caseId}/evidence/files",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Two at once" }, EvidenceSample.Png(), EvidenceSample.Pdf())), "files");
        await AssertNamesFieldAsync(await browser.Http.PostAsync($"{Cases}/{caseId}/evidence/files",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "A program dressed as a picture" }, new EvidenceSample("post.png", "MZ\u0090\0"u8.ToArray(), "image/png"))), "files");
        await AssertNamesFieldAsync(await browser.Http.PostAsync($"{Cases}/{caseId}/evidence/files",
            DisputeParties.Form(null, EvidenceSample.Png())), "text");
        await AssertNamesFieldAsync(await browser.Http.PostAsync($"{Cases}/{caseId}/evidence/files",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "A post", ["link"] = "javascript:alert(1)" }, EvidenceSample.Png())), "link");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.PostAsync($"{Cases}/{Guid.NewGuid()}/evidence/files",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Nowhere" }, EvidenceSample.Png()))).StatusCode);
        Assert.Equal(before, await EntriesAsync(app, caseId));

        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Subject == $"fraud-case:{caseId}" && a.Action == "fraud.case-evidence-added").CountAsync());
        Assert.Equal(1, audited);
    }

    private static Task<int> EntriesAsync(OmbudTestApp app, Guid caseId) =>
        app.WithDbAsync(db => db.Set<CaseEntry>().AsNoTracking().CountAsync(e => e.CaseId == caseId));

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await DisputeParties.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.Contains(field, StringComparison.OrdinalIgnoreCase));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace;
using Ombud.Marketplace.Quality;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Pay;

/// <summary>
/// The admin's payout CSV (per agent: each part of the pay in minor units, the total formatted; audited) and the QA
/// sample: drawn by id, scored by staff with each part 0–2 (refused by field otherwise), audited, shown to the agent.
/// </summary>
public sealed class PayoutAndQaTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_payout_csv_has_a_row_per_agent_with_each_part_of_the_pay_and_the_export_is_audited(Provider provider)
    {
        await using var app = await PayDesk.OpenAsync(provider);
        var maja = await app.Market.AgentAsync("=Maja", (Skill.Payments, 5));
        var anna = await app.Market.CustomerAsync();
        var first = await app.WrappedUpAsync(maja, anna);
        await app.WrappedUpAsync(maja, anna);
        await (await app.ShopperAsync(anna)).PostAsJsonAsync($"/api/v1/conversations/{first}/csat", new { score = 5 });
        var admin = await app.App.ClientWithKeyAsync(Scopes.Admin);
        var today = DateOnly.FromDateTime(app.App.Clock.GetUtcNow().UtcDateTime);

        var csv = await admin.GetAsync($"/api/v1/admin/payouts.csv?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var before = await admin.GetAsync($"/api/v1/admin/payouts.csv?from={today.AddDays(-9):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        var badTo = await admin.GetAsync("/api/v1/admin/payouts.csv?to=2026-13-01");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"payouts-{today.AddDays(-1):yyyy-MM-dd}-{today:yyyy-MM-dd}.csv", csv.Content.Headers.ContentDisposition!.FileNameStar ?? csv.Content.Headers.ContentDisposition.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("AgentId,AgentName,Currency,Conversations,BaseMinor,ComplexityMinor,SurgeMinor,BonusMinor,FloorTopUpMinor,TotalMinor,Formatted", lines[0]);
        // Two conversations at 40.00 + 15.00, a five-star bonus of 20.00; the name that looks like a formula is escaped.
        Assert.StartsWith($"{maja.Id},", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",SEK,2,8000,3000,0,2000,0,13000,130.00 SEK", lines[1], StringComparison.Ordinal);
        Assert.Contains("'=Maja", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Single((await before.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        await EarningsTests.AssertFieldAsync(badTo, "to");
        var exports = await app.App.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "payout.exported").Select(e => e.Detail).ToListAsync());
        Assert.Equal(2, exports.Count);
        Assert.Contains(exports, d => d!.StartsWith($"{today.AddDays(-1):yyyy-MM-dd} to {today:yyyy-MM-dd}, agents: 1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Staff_score_a_sampled_conversation_part_by_part_and_the_agent_sees_the_score(Provider provider)
    {
        await using var app = await PayDesk.OpenAsync(provider);
        var maja = await app.Market.AgentAsync("Maja", (Skill.Payments, 5));
        var conversation = await app.WrappedUpAsync(maja, await app.Market.CustomerAsync(), say: "Hi, I'm Maja. Your refund is on its way.");
        var staff = await app.App.ClientWithKeyAsync(Scopes.Admin);
        var url = $"/api/v1/staff/qa/{conversation}";

        var sample = await staff.GetFromJsonAsync<JsonElement>("/api/v1/staff/qa");
        var opened = await staff.GetFromJsonAsync<JsonElement>(url);
        var tooMany = await staff.PostAsJsonAsync($"{url}/score", new { greeting = 2, understanding = 2, resolution = 1, tone = 3, compliance = 2 });
        var missingPart = await staff.PostAsJsonAsync($"{url}/score", new { greeting = 2, understanding = 2, resolution = 1, tone = 2 });
        var scored = await staff.PostAsJsonAsync($"{url}/score", new { greeting = 2, understanding = 2, resolution = 1, tone = 2, compliance = 2, comment = "Clear." });
        var notSampled = await staff.PostAsJsonAsync($"/api/v1/staff/qa/{Guid.NewGuid()}/score", new { greeting = 2, understanding = 2, resolution = 1, tone = 2, compliance = 2 });
        var mine = await (await app.Market.SignInAsync(maja)).GetFromJsonAsync<JsonElement>("/api/v1/agents/me/earnings");

        var row = Assert.Single(sample.EnumerateArray());
        Assert.Equal((conversation, "Maja", false), (row.GetProperty("conversationId").GetGuid(), row.GetProperty("agentName").GetString(), row.GetProperty("scored").GetBoolean()));
        Assert.Contains(opened.GetProperty("transcript").EnumerateArray(), m => m.GetProperty("text").GetString() == "Hi, I'm Maja. Your refund is on its way.");
        await EarningsTests.AssertFieldAsync(tooMany, "tone");
        await EarningsTests.AssertFieldAsync(missingPart, "compliance");
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        Assert.Equal(9, (await scored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, notSampled.StatusCode);
        var seen = Assert.Single(mine.GetProperty("qaScores").EnumerateArray());
        Assert.Equal((9, "Clear."), (seen.GetProperty("total").GetInt32(), seen.GetProperty("comment").GetString()));
        var audited = await app.App.WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == $"conversation:{conversation}").Select(e => e.Action).ToListAsync());
        Assert.Contains("marketplace.qa-opened", audited);
        Assert.Single(audited, a => a == "marketplace.qa-scored");
    }

    [Fact]
    public void The_sample_is_drawn_by_id_alone_at_the_configured_share()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }).ToList();

        var drawn = ids.Count(id => QaSample.IsDrawn(id, 50));

        Assert.InRange(drawn, 800, 1200);
        Assert.All(ids.Take(200), id => Assert.Equal(QaSample.IsDrawn(id, 50), QaSample.IsDrawn(id, 50)));
        Assert.DoesNotContain(ids, id => QaSample.IsDrawn(id, 0));
        Assert.All(ids.Take(200), id => Assert.True(QaSample.IsDrawn(id, 1000)));
    }
}

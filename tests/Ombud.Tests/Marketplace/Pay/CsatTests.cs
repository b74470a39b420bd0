using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace;
using Ombud.Marketplace.Pay;
using Ombud.Marketplace.Quality;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Pay;

/// <summary>
/// The survey after a wrap-up: only the conversation's own shopper answers, once, 1 to 5 stars; the answers rate the
/// agent (the rating dispatch ranks by) and five stars pay a bonus as a later entry.
/// </summary>
public sealed class CsatTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_shopper_answers_once_for_their_own_conversation_which_rates_the_agent_and_five_stars_pay_a_bonus(Provider provider)
    {
        await using var app = await PayDesk.OpenAsync(provider);
        var maja = await app.Market.AgentAsync("Maja", (Skill.Payments, 5));
        var anna = await app.Market.CustomerAsync();
        var first = await app.WrappedUpAsync(maja, anna);
        var second = await app.WrappedUpAsync(maja, anna);
        var notHeld = await app.Market.HandOffAsync(await app.Market.CustomerAsync(), deliver: false);
        var asAnna = await app.ShopperAsync(anna);
        var asOther = await app.ShopperAsync(await app.Market.CustomerAsync());
        var unrated = (await app.Market.AgentRowAsync(maja.Id)).Rating;

        var stranger = await asOther.PostAsJsonAsync($"/api/v1/conversations/{first}/csat", new { score = 1 });
        var six = await asAnna.PostAsJsonAsync($"/api/v1/conversations/{first}/csat", new { score = 6 });
        var none = await asAnna.PostAsJsonAsync($"/api/v1/conversations/{first}/csat", new { comment = "no stars" });
        var five = await asAnna.PostAsJsonAsync($"/api/v1/conversations/{first}/csat", new { score = 5, comment = "  Quick and kind.  " });
        var again = await asAnna.PostAsJsonAsync($"/api/v1/conversations/{first}/csat", new { score = 1 });
        var two = await asAnna.PostAsJsonAsync($"/api/v1/conversations/{second}/csat", new { score = 2 });
        var missing = await asAnna.PostAsJsonAsync($"/api/v1/conversations/{Guid.NewGuid()}/csat", new { score = 4 });
        var question = await app.Market.RunReadAsync<CsatSurvey, CsatQuestion?>(s => s.QuestionAsync(anna, first, default));

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        await EarningsTests.AssertFieldAsync(six, "score");
        await EarningsTests.AssertFieldAsync(none, "score");
        Assert.Equal(HttpStatusCode.Created, five.StatusCode);
        Assert.Equal("Quick and kind.", (await five.Content.ReadFromJsonAsync<CsatView>())!.Comment);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(question);
        Assert.Null(unrated);
        Assert.Equal(3.5, (await app.Market.AgentRowAsync(maja.Id)).Rating);
        var answers = await app.App.WithDbAsync(db => db.Set<CsatAnswer>().AsNoTracking().OrderBy(a => a.AnsweredAt).ToListAsync());
        Assert.Equal([(first, 5), (second, 2)], answers.Select(a => (a.ConversationId, a.Score)));
        var entries = await app.App.WithDbAsync(db => db.Set<EarningsEntry>().AsNoTracking().Where(e => e.AgentId == maja.Id).ToListAsync());
        var bonus = Assert.Single(entries, e => e.Kind == EarningsKind.CsatBonus);
        Assert.Equal((first, 2000L, 2000L), (bonus.ConversationId!.Value, bonus.BonusMinor, bonus.TotalMinor));
        Assert.Equal(2, entries.Count(e => e.Kind == EarningsKind.Conversation));
        var audited = await app.App.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "marketplace.csat-answered").CountAsync());
        Assert.Equal(2, audited);
        Assert.DoesNotContain(answers, a => a.ConversationId == notHeld);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task A_conversation_no_person_wrapped_up_has_no_survey(Provider provider)
    {
        await using var app = await PayDesk.OpenAsync(provider);
        var anna = await app.Market.CustomerAsync();
        var waiting = await app.Market.HandOffAsync(anna);
        var asAnna = await app.ShopperAsync(anna);

        var answer = await asAnna.PostAsJsonAsync($"/api/v1/conversations/{waiting}/csat", new { score = 4 });
        var question = await app.Market.RunReadAsync<CsatSurvey, CsatQuestion?>(s => s.QuestionAsync(anna, waiting, default));

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Null(question);
    }
}

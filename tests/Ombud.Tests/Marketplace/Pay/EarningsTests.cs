using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Marketplace;
using Ombud.Marketplace.Pay;
using Ombud.Platform.Events;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Pay;

/// <summary>
/// The earnings ledger: a wrapped-up conversation pays the agent once (base + complexity by skill + surge at
/// multiplier 1 while there is no surge), however often its event arrives; the agent reads only their own earnings.
/// </summary>
public sealed class EarningsTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_wrapped_up_conversation_pays_the_agent_once_even_when_its_event_is_delivered_again(Provider provider)
    {
        await using var app = await PayDesk.OpenAsync(provider);
        var maja = await app.Market.AgentAsync("Maja", (Skill.Payments, 5));
        var conversation = await app.WrappedUpAsync(maja, await app.Market.CustomerAsync());

        var wrapped = await app.App.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Type == ConversationWrappedUp.Type));
        await ReplayAsync(app.App, new EventMessage(wrapped.Id, wrapped.Type, wrapped.Version, wrapped.OccurredAt, wrapped.Payload));
        var entries = await app.App.WithDbAsync(db => db.Set<EarningsEntry>().AsNoTracking().ToListAsync());
        var twice = await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.App.WithDbAsync(async db =>
        {
            var entry = entries[0];
            db.Add(EarningsEntry.ForConversation(entry.AgentId, entry.ConversationId!.Value, entry.At, new MarketPay { Currency = "SEK", BaseMinor = 1 },
                Skill.Payments, 1000, "a second payment"));
            return await db.SaveChangesAsync();
        }));

        var entry = Assert.Single(entries);
        Assert.Equal((maja.Id, EarningsKind.Conversation, conversation), (entry.AgentId, entry.Kind, entry.ConversationId!.Value));
        Assert.Equal(("SEK", 4000L, 1500L, 1000, 0L, 5500L), (entry.Currency, entry.BaseMinor, entry.ComplexityMinor, entry.SurgePerMille, entry.SurgeMinor, entry.TotalMinor));
        Assert.Contains("no surge when offered", entry.Note, StringComparison.Ordinal);
        Assert.NotNull(twice);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agent_reads_their_own_earnings_per_day_and_week_and_a_bad_period_is_refused_by_field(Provider provider)
    {
        await using var app = await PayDesk.OpenAsync(provider);
        var maja = await app.Market.AgentAsync("Maja", (Skill.Payments, 5));
        var olle = await app.Market.AgentAsync("Olle", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        await app.WrappedUpAsync(maja, await app.Market.CustomerAsync());
        await app.Market.GoOfflineAsync(maja.Id);
        await app.Market.GoOnlineAsync(olle.Id);
        await app.WrappedUpAsync(olle, await app.Market.CustomerAsync());
        var asMaja = await app.Market.SignInAsync(maja);
        var asOlle = await app.Market.SignInAsync(olle);
        var today = DateOnly.FromDateTime(app.App.Clock.GetUtcNow().UtcDateTime);

        var mine = await asMaja.GetFromJsonAsync<JsonElement>("/api/v1/agents/me/earnings");
        var olles = await asOlle.GetFromJsonAsync<JsonElement>($"/api/v1/agents/me/earnings?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var badDay = await asMaja.GetAsync("/api/v1/agents/me/earnings?from=yesterday");
        var backwards = await asMaja.GetAsync($"/api/v1/agents/me/earnings?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        var badCursor = await asMaja.GetAsync("/api/v1/agents/me/earnings?cursor=nope");

        Assert.Equal(maja.Id, mine.GetProperty("agentId").GetGuid());
        var entry = Assert.Single(mine.GetProperty("entries").GetProperty("items").EnumerateArray());
        Assert.Equal((5500, "SEK"), (entry.GetProperty("totalMinor").GetInt64(), entry.GetProperty("currency").GetString()));
        var day = Assert.Single(mine.GetProperty("days").EnumerateArray());
        Assert.Equal((today.ToString("yyyy-MM-dd"), 1, 5500L), (day.GetProperty("period").GetString(), day.GetProperty("conversations").GetInt32(), day.GetProperty("totalMinor").GetInt64()));
        var week = Assert.Single(mine.GetProperty("weeks").EnumerateArray());
        Assert.Equal(5500L, week.GetProperty("totalMinor").GetInt64());
        Assert.Equal(EarningsStatements.WeekStart(today), DateOnly.Parse(week.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(olle.Id, olles.GetProperty("agentId").GetGuid());
        Assert.Single(olles.GetProperty("entries").GetProperty("items").EnumerateArray());
        await AssertFieldAsync(badDay, "from");
        await AssertFieldAsync(backwards, "from");
        await AssertFieldAsync(badCursor, "cursor");
    }

    [Fact]
    public void A_week_starts_on_monday() =>
        Assert.Equal((new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30)), (EarningsStatements.WeekStart(new DateOnly(2026, 12, 6)), EarningsStatements.WeekStart(new DateOnly(2026, 11, 30))));

    internal static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
    }

    private static async Task ReplayAsync(OmbudTestApp app, EventMessage message)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
            ct => scope.ServiceProvider.GetRequiredService<ConversationPay>().HandleAsync(message, ct), default);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Conversations;
using Ombud.Disputes.Evidence;
using Ombud.Platform.Privacy;
using Ombud.Platform.Timers;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Privacy;

/// <summary>
/// Retention as durable timers: set once, fired by whichever node claims them, each firing setting the next. A closed
/// conversation loses its words after its days, evidence its content after the dispute has been closed for its days;
/// what is younger stays.
/// </summary>
public sealed class RetentionTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Ended_conversations_and_closed_disputes_evidence_lose_their_text_when_their_days_are_up(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Ombud:Privacy:ConversationDays"] = "30",
            ["Ombud:Privacy:EvidenceDays"] = "90",
        });
        var ulrika = await DemoCustomer.CreateAsync(app);
        await ulrika.SettleAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ConversationService>();
            Assert.True((await service.CloseAsync(ulrika.Conversation, default)).Succeeded);
            await RetentionTimers.EnsureAsync(scope.ServiceProvider, default);
        }

        app.Clock.Advance(TimeSpan.FromDays(31));
        await FireAsync(app);
        var afterMonth = await StateAsync(app, ulrika);
        Assert.DoesNotContain(DemoCustomer.MessageText, afterMonth.Messages);
        Assert.All(afterMonth.Messages, m => Assert.Equal(CustomerErasureScope.Removed, m));
        Assert.Equal(DemoCustomer.Receipt, afterMonth.Evidence);

        app.Clock.Advance(TimeSpan.FromDays(60));
        await FireAsync(app);
        var afterQuarter = await StateAsync(app, ulrika);
        Assert.Empty(afterQuarter.Evidence);
        Assert.Equal(CustomerErasureScope.Removed, afterQuarter.FileName);
        Assert.True(afterQuarter.NextFiring > app.Clock.GetUtcNow().UtcDateTime, "each firing sets the next");
    }

    private static async Task FireAsync(OmbudTestApp app) =>
        await app.Services.GetRequiredService<TimerRun>().RunOnceAsync([RetentionTimer.Kind], default);

    private static Task<(List<string> Messages, byte[] Evidence, string FileName, DateTime NextFiring)> StateAsync(OmbudTestApp app, DemoCustomer ulrika) =>
        app.WithDbAsync(async db =>
        {
            var messages = await db.Set<ConversationMessage>().Where(m => m.ConversationId == ulrika.Conversation).Select(m => m.Text).ToListAsync();
            var file = await db.Set<EvidenceFile>().AsNoTracking().SingleAsync(f => f.DisputeId == ulrika.Dispute);
            var next = await db.Set<DurableTimer>().Where(t => t.Kind == RetentionTimer.Kind && t.EntityId == "evidence").Select(t => t.FireAt).SingleAsync();
            return (messages, file.Content, file.FileName, next);
        });
}

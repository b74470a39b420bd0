using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Marketplace;
using Ombud.Marketplace.Presence;
using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Pay;

/// <summary>
/// The presence log keeps 400 days (the default): older changes go, each agent's last change before the cut stays
/// (it says whether they were online when the kept history starts), and another agent's log is not touched.
/// </summary>
public sealed class PresenceRetentionTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Presence_older_than_the_kept_days_goes_but_each_agents_status_at_the_cut_stays(Provider provider)
    {
        await using var app = await PayDesk.OpenAsync(provider);
        var clock = app.App.Clock;
        var maja = await app.Market.AgentAsync("Maja", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        var olle = await app.Market.AgentAsync("Olle", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        var start = clock.GetUtcNow().UtcDateTime;
        await app.Market.GoOnlineAsync(maja.Id);                     // day 0
        await app.Market.GoOnlineAsync(olle.Id);                     // day 0: Olle's only change, kept however old
        clock.Advance(TimeSpan.FromDays(50));
        await app.Market.GoOfflineAsync(maja.Id);                    // day 50
        clock.Advance(TimeSpan.FromDays(10));
        await app.Market.GoOnlineAsync(maja.Id);                     // day 60: Maja's last before the cut
        clock.Advance(TimeSpan.FromDays(410));
        await app.Market.GoOfflineAsync(maja.Id);                    // day 470; the cut is day 70

        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var rule = scope.ServiceProvider.GetServices<IRetentionRule>().Single(r => r.Name == "presence");
            var now = clock.GetUtcNow().UtcDateTime;
            RetentionPass? pass = null;
            var run = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(async ct => { pass = await rule.ApplyAsync(now, ct); }, default);
            Assert.True(run.Succeeded);
            Assert.Equal(new RetentionPass(2, false), pass);
        }

        var kept = await app.App.WithDbAsync(db => db.Set<PresenceChange>().AsNoTracking().OrderBy(p => p.At)
            .Select(p => new { p.AgentId, p.Status, p.At }).ToListAsync());
        Assert.Equal(
            new[] { (olle.Id, AgentStatus.Online, 0), (maja.Id, AgentStatus.Online, 60), (maja.Id, AgentStatus.Offline, 470) },
            kept.Select(p => (p.AgentId, p.Status, (int)Math.Round((p.At - start).TotalDays))).OrderBy(p => p.Item3).ToArray());
    }
}

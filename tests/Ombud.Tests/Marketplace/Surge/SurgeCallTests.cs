using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Marketplace;
using Ombud.Marketplace.Surge;
using Ombud.Platform.Mail;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Surge;

/// <summary>
/// "Call me when it surges": only offline agents who opted in and have a skill the waiting shoppers need are e-mailed,
/// at most once in the window, each call audited; an agent who opted out or never chose is never called.
/// </summary>
public sealed class SurgeCallTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Only_opted_in_offline_agents_who_fit_are_called_and_at_most_once_in_the_window(Provider provider)
    {
        var desk = await SurgeDesk.OpenAsync(provider);
        await using var app = desk.App;
        Task<TestAgent> OfflineAsync(string name, Skill skill) =>
            desk.AgentAsync(name, AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (skill, 4));
        var ada = await OfflineAsync("Ada", Skill.Payments);
        var bo = await OfflineAsync("Bo", Skill.Payments);
        var cy = await OfflineAsync("Cy", Skill.Payments);
        var di = await OfflineAsync("Di", Skill.Returns);
        var ed = await desk.AgentAsync("Ed", (Skill.Payments, 5));
        using var asAda = await desk.SignInAsync(ada);
        var missing = await asAda.PutAsJsonAsync("/api/v1/agents/me/surge-calls", new { });
        var on = await asAda.PutAsJsonAsync("/api/v1/agents/me/surge-calls", new { optedIn = true });
        using var asBo = await desk.SignInAsync(bo);
        await asBo.PutAsJsonAsync("/api/v1/agents/me/surge-calls", new { optedIn = true });
        var off = await asBo.PutAsJsonAsync("/api/v1/agents/me/surge-calls", new { optedIn = false });
        foreach (var agent in new[] { di, ed })
        {
            await desk.RunAsync<SurgeCalls, SurgeCallChoice>(c => c.ChooseAsync(agent.Id, "user:test", true, default));
        }

        // Ed takes one; two more wait: high surge, and its event calls the offline agents.
        await desk.HandOffAsync(await desk.CustomerAsync());
        await desk.HandOffAsync(await desk.CustomerAsync());
        await desk.HandOffAsync(await desk.CustomerAsync());
        var surge = await desk.ReviewAsync();
        await desk.DeliverAsync();
        var mails = await MailsAsync(app);
        var changed = new SurgeChanged("SE", SurgeLevel.None, SurgeLevel.Surge, 1250, 1000, app.Clock.GetUtcNow().UtcDateTime);
        app.Clock.Advance(TimeSpan.FromHours(3));
        var withinWindow = await SurgeDesk.InWorkAsync(desk, s => s.GetRequiredService<SurgeCalls>().CallAsync(changed, default));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var afterWindow = await SurgeDesk.InWorkAsync(desk, s => s.GetRequiredService<SurgeCalls>().CallAsync(changed, default));
        var called = await desk.AuditedAsync("marketplace.surge-called");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("optedIn", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (on.StatusCode, off.StatusCode));
        Assert.Equal(SurgeLevel.HighSurge, surge.Level);
        var mail = Assert.Single(mails);
        Assert.Equal((ada.Email, SurgeCalls.MailKind), (mail.To, mail.Kind));
        Assert.Contains("×1.333 the usual rate", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(withinWindow);
        Assert.Equal([ada.Id], afterWindow);
        Assert.Equal(2, called);
        Assert.Equal(1, await desk.AuditedAsync("marketplace.surge-calls-off"));
        Assert.NotEqual(cy.Id, ada.Id);
    }

    private static Task<List<OutgoingMail>> MailsAsync(OmbudTestApp app) =>
        app.WithDbAsync(db => db.Set<OutgoingMail>().AsNoTracking().Where(m => m.Kind == SurgeCalls.MailKind).ToListAsync());
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ombud.Platform.Auth;
using Ombud.Platform.Mail;
using Ombud.Platform.Outbox;
using Ombud.Platform.People;
using Ombud.Platform.Timers;
using Ombud.Tests.Platform.Mail;
using Ombud.Tests.Support;
using Ombud.Tests.Web;
using static Ombud.Tests.Platform.PeopleAdmin.PeopleDesk;

namespace Ombud.Tests.Platform.PeopleAdmin;

/// <summary>
/// An expired or lost invitation is issued again: a new link, the old one dead, audited; and with an SMTP server the
/// link goes to the invitee's inbox instead of the admin's screen, never into an event or a log.
/// </summary>
public sealed partial class InvitationReissueTests
{
    private const string NewPassword = "Welcome-to-ombud-7";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_expired_invitation_issued_again_has_a_new_link_that_works_and_the_old_link_is_refused(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var (id, old) = await InviteAsync(admin, "lost.link@provider.example", Roles.Agent);
        app.Clock.Advance(TimeSpan.FromHours(73));

        var again = await ReissueAsync(admin, id, HttpStatusCode.OK);
        Assert.False(again.GetProperty("emailed").GetBoolean());
        var link = new Uri(again.GetProperty("link").GetString()!).PathAndQuery;
        Assert.NotEqual(old, link);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddHours(72), again.GetProperty("expiresAt").GetDateTime());

        // The old link is dead even before it would have expired: issued again at once, it is refused all the same.
        using (var holder = new WebSession(app))
        {
            Assert.Contains("This invitation link cannot be used", Text(await holder.GetPageAsync(old)), StringComparison.Ordinal);
        }

        using var invitee = new WebSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(invitee, link, NewPassword)).StatusCode);
        Assert.Equal("active", await StatusAsync(admin, id, "lost.link"));
        Assert.Equal(["user.invitation-accepted", "user.invitation-reissued", "user.invited", "user.signed-in"], await AuditAsync(app, id));

        // Accepted: there is nothing to issue again, and the answer says why; a stranger's id is not found.
        var accepted = await ReissueAsync(admin, id, HttpStatusCode.Conflict);
        Assert.Contains("accepted their invitation", accepted.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ReissueAsync(admin, Guid.NewGuid().ToString(), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_lost_link_issued_again_while_the_first_still_runs_voids_the_first()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var (id, first) = await InviteAsync(admin, "twice@provider.example", Roles.Analyst);

        var second = new Uri((await ReissueAsync(admin, id, HttpStatusCode.OK)).GetProperty("link").GetString()!).PathAndQuery;

        using var holder = new WebSession(app);
        await SetPasswordAsync(holder, first, NewPassword);
        Assert.False(await HasPasswordAsync(app, id));
        using var invitee = new WebSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(invitee, second, NewPassword)).StatusCode);
        Assert.True(await HasPasswordAsync(app, id));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task With_an_smtp_server_the_invitation_and_its_reissue_are_emailed_and_the_link_is_in_no_answer_event_or_log(Provider provider)
    {
        var logs = new LogCollector();
        var settings = TestSmtp.Settings();
        settings["Logging:LogLevel:Ombud"] = "Information";
        await using var app = await OmbudTestApp.StartAsync(provider, builder => builder.Logging.AddProvider(logs), settings);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var email = $"mailed-{Guid.NewGuid():N}@provider.example";

        var response = await admin.PostAsJsonAsync(Users, new { email, name = "Robin Mailed", roles = new[] { Roles.Analyst } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var invited = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(invited.GetProperty("emailed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, invited.GetProperty("link").ValueKind);
        var id = invited.GetProperty("person").GetProperty("id").GetString()!;
        var first = await ReceivedLinkAsync(app, email, 1);
        // The test clock stands still: a minute on, the second e-mail's id (made at its instant) sorts after the first's.
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var again = await ReissueAsync(admin, id, HttpStatusCode.OK);
        Assert.True(again.GetProperty("emailed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("link").ValueKind);
        var second = await ReceivedLinkAsync(app, email, 2);
        Assert.NotEqual(first, second);

        using (var holder = new WebSession(app))
        {
            Assert.Contains("This invitation link cannot be used", Text(await holder.GetPageAsync(first)), StringComparison.Ordinal);
        }

        using var invitee = new WebSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(invitee, second, NewPassword)).StatusCode);
        Assert.Equal("active", await StatusAsync(admin, id, "mailed-"));

        var tokens = new[] { first, second }.Select(l => Uri.UnescapeDataString(l.Split("token=")[1])).ToList();
        var events = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Select(m => m.Payload).ToListAsync());
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(a => a.Subject + " " + (a.Detail ?? "")).ToListAsync());
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(events, e => e.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(audit, a => a.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Messages, m => m.Contains(token, StringComparison.Ordinal) || m.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal));
        }

        Assert.Contains(logs.Messages, m => m.Contains(InvitationMail.Kind, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(email, StringComparison.Ordinal));
    }

    private static async Task<JsonElement> ReissueAsync(HttpClient admin, string id, HttpStatusCode expected)
    {
        var response = await admin.PostAsync(Of($"/api/v1/admin/users/{id}/invitation"), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>
    /// Sends what is due and reads the invitation e-mail number <paramref name="count"/> sent to <paramref name="email"/>
    /// from the real SMTP server: its link to the welcome page, relative to the site.
    /// </summary>
    private static async Task<string> ReceivedLinkAsync(OmbudTestApp app, string email, int count)
    {
        await app.Services.GetRequiredService<TimerRun>().RunOnceAsync([MailSending.Kind], default);
        var mails = await app.WithDbAsync(db => db.Set<OutgoingMail>().AsNoTracking()
            .Where(m => m.To == email && m.Kind == InvitationMail.Kind).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(count, mails.Count);
        Assert.Equal(MailStatus.Sent, mails[^1].Status);
        var received = TestSmtp.Received(mails[^1].Id);
        Assert.NotNull(received);
        Assert.Equal(email, Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("You are invited to Ombud", received.Subject);
        Assert.Contains("Hello Robin Mailed", received.TextBody, StringComparison.Ordinal);
        var link = WelcomeLink().Match(received.TextBody ?? "");
        Assert.True(link.Success, received.TextBody);
        Assert.StartsWith("https://help.ombud.test/welcome?user=", link.Value, StringComparison.Ordinal);
        return new Uri(link.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https://\S+/welcome\?\S+")]
    private static partial Regex WelcomeLink();
}

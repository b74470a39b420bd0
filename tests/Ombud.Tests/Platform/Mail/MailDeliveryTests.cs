using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Mail;
using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Mail;

/// <summary>
/// The e-mail outbox against a real SMTP server (aiosmtpd, started by ./test.sh): queued with a change, sent by its
/// durable timer, retried with back-off while the server is down, failed at once when the server refuses, kept as not
/// sent without a server, listed masked for admins, and never named in a log.
/// </summary>
public sealed class MailDeliveryTests
{
    private const string Words = "The store has answered your dispute about order 1042.";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_email_queued_with_its_change_reaches_the_smtp_server_with_its_subject_recipient_and_words(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: TestSmtp.Settings());
        var id = await QueueAsync(app, "anna.svensson@example.se");

        var sent = await SendDueAsync(app);

        var mail = await RowAsync(app, id);
        var received = TestSmtp.Received(id);
        Assert.Equal(1, sent);
        Assert.Equal((MailStatus.Sent, 1, app.Clock.GetUtcNow().UtcDateTime), (mail.Status, mail.Attempts, mail.SentAt));
        Assert.NotNull(received);
        Assert.Equal("Your dispute", received.Subject);
        Assert.Equal("anna.svensson@example.se", Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal(("Ombud help", "help@ombud.test"), (Assert.Single(received.From.Mailboxes).Name, received.From.Mailboxes.Single().Address));
        Assert.Contains(Words, received.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await TimersAsync(app, id));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_refused_recipient_fails_at_once_listed_masked_for_admins_who_may_send_it_again(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: TestSmtp.Settings());
        var to = $"refuse-{Guid.NewGuid():N}@example.com";
        var id = await QueueAsync(app, to);
        await SendDueAsync(app);

        var failed = await RowAsync(app, id);
        Assert.Equal((MailStatus.Failed, 1, (DateTime?)null), (failed.Status, failed.Attempts, failed.NextAttemptAt));
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(to, failed.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Null(TestSmtp.Received(id));
        Assert.Equal(0, await TimersAsync(app, id));

        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/mail?status=failed");
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal((id, "r***@example.com", "failed", 1), (item.GetProperty("id").GetGuid(), item.GetProperty("to").GetString(),
            item.GetProperty("status").GetString(), item.GetProperty("attempts").GetInt32()));
        Assert.DoesNotContain(to, listed.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Words, listed.ToString(), StringComparison.Ordinal);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/mail?status=sent")).GetProperty("items").EnumerateArray());

        var again = await admin.PostAsync(new Uri($"/api/v1/admin/mail/{id}/send-again", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("queued", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await SendDueAsync(app);
        Assert.Equal((MailStatus.Failed, 2), ((await RowAsync(app, id)).Status, (await RowAsync(app, id)).Attempts));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "mail.sent-again" && e.Subject == $"mail:{id}")));

        var sentId = await QueueAsync(app, "anna.svensson@example.se");
        await SendDueAsync(app);
        var notAgain = await admin.PostAsync(new Uri($"/api/v1/admin/mail/{sentId}/send-again", UriKind.Relative), null);
        var badStatus = await admin.GetAsync(new Uri("/api/v1/admin/mail?status=bounced", UriKind.Relative));
        var badCursor = await admin.GetAsync(new Uri("/api/v1/admin/mail?cursor=nope", UriKind.Relative));
        var notAdmin = await (await app.ClientWithKeyAsync(Scopes.Ingest)).GetAsync(new Uri("/api/v1/admin/mail", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, notAgain.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.True((await badStatus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task While_the_server_is_down_the_email_is_retried_with_back_off_and_sent_when_it_is_back_and_logs_never_name_the_recipient(Provider provider)
    {
        var port = TestSmtp.FreePort();
        var logs = new LogCollector();
        var settings = TestSmtp.Settings(port);
        settings["Logging:LogLevel:Ombud"] = "Information";
        await using var app = await OmbudTestApp.StartAsync(provider, builder => builder.Logging.AddProvider(logs), settings);
        var to = $"shopper-{Guid.NewGuid():N}@example.com";
        var id = await QueueAsync(app, to);
        var start = app.Clock.GetUtcNow().UtcDateTime;

        await SendDueAsync(app);
        var down = await RowAsync(app, id);
        app.Clock.Advance(TimeSpan.FromSeconds(29));
        var tooEarly = await SendDueAsync(app);

        Assert.Equal((MailStatus.Queued, 1, start.AddSeconds(30)), (down.Status, down.Attempts, down.NextAttemptAt));
        Assert.NotNull(down.LastError);
        Assert.Equal(0, tooEarly);
        Assert.Equal(1, (await RowAsync(app, id)).Attempts);

        var folder = Directory.CreateTempSubdirectory("ombud-smtp-").FullName;
        using var server = await TestSmtp.StartAnotherAsync(port, folder);
        try
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            var sent = await SendDueAsync(app);

            var mail = await RowAsync(app, id);
            Assert.Equal(1, sent);
            Assert.Equal((MailStatus.Sent, 2, (string?)null), (mail.Status, mail.Attempts, mail.LastError));
            Assert.Equal(to, Assert.Single(TestSmtp.Received(id, folder)!.To.Mailboxes).Address);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            Directory.Delete(folder, recursive: true);
        }

        var lines = logs.Messages.ToList();
        Assert.Contains(lines, l => l.Contains(id.ToString(), StringComparison.Ordinal) && l.Contains("test.kind", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(to, StringComparison.OrdinalIgnoreCase) || l.Contains(Words, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Without_an_smtp_server_the_email_is_kept_as_not_sent_and_goes_out_when_sent_again_once_a_server_is_set(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var id = await QueueAsync(app, "anna.svensson@example.se");

        await SendDueAsync(app);
        var kept = await RowAsync(app, id);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/mail?status=notSent");

        Assert.Equal((MailStatus.NotSent, 0, OutgoingMail.NoServer), (kept.Status, kept.Attempts, kept.LastError));
        Assert.Equal(0, await TimersAsync(app, id));
        Assert.Equal(id, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        // The operator sets a server (configuration is read afresh), then an admin sends what was kept.
        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        foreach (var (key, value) in TestSmtp.Settings())
        {
            configuration[key] = value;
        }

        configuration.Reload();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(new Uri($"/api/v1/admin/mail/{id}/send-again", UriKind.Relative), null)).StatusCode);
        await SendDueAsync(app);

        Assert.Equal(MailStatus.Sent, (await RowAsync(app, id)).Status);
        Assert.Equal("Your dispute", TestSmtp.Received(id)?.Subject);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Sent_and_failed_emails_leave_the_outbox_after_the_retention_days_and_one_still_waiting_stays(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: TestSmtp.Settings());
        var sent = await QueueAsync(app, "anna.svensson@example.se");
        var failed = await QueueAsync(app, $"refuse-{Guid.NewGuid():N}@example.com");
        await SendDueAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(89));
        var waiting = await QueueAsync(app, "anna.svensson@example.se"); // queued, not yet sent

        await RetainAsync(app);
        var after89Days = await IdsAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RetainAsync(app);

        Assert.Equal(new[] { sent, failed, waiting }.Order(), after89Days.Order());
        Assert.Equal([waiting], await IdsAsync(app));
    }

    private static async Task<Guid> QueueAsync(OmbudTestApp app, string to)
    {
        await using var scope = app.Services.CreateAsyncScope();
        Guid? id = null;
        var queued = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(async ct =>
            id = await scope.ServiceProvider.GetRequiredService<MailOutbox>().QueueAsync(
                new MailDraft(to, "Your dispute", $"Hello Anna,\n\n{Words}", "test.kind", $"test:{Guid.NewGuid()}"), ct), default);
        Assert.True(queued.Succeeded);
        return id ?? throw new InvalidOperationException("The address was not taken.");
    }

    private static async Task RetainAsync(OmbudTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rule = scope.ServiceProvider.GetServices<IRetentionRule>().Single(r => r.Name == "mail");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.True((await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(ct => rule.ApplyAsync(now, ct), default)).Succeeded);
    }

    private static Task<List<Guid>> IdsAsync(OmbudTestApp app) => app.WithDbAsync(db => db.Set<OutgoingMail>().Select(m => m.Id).ToListAsync());

    private static async Task<int> SendDueAsync(OmbudTestApp app) =>
        (await app.Services.GetRequiredService<TimerRun>().RunOnceAsync([MailSending.Kind], default)).GetValueOrDefault(MailSending.Kind);

    private static Task<OutgoingMail> RowAsync(OmbudTestApp app, Guid id) =>
        app.WithDbAsync(db => db.Set<OutgoingMail>().AsNoTracking().SingleAsync(m => m.Id == id));

    private static Task<int> TimersAsync(OmbudTestApp app, Guid id) =>
        app.WithDbAsync(db => db.Set<DurableTimer>().CountAsync(t => t.Kind == MailSending.Kind && t.EntityId == id.ToString()));
}

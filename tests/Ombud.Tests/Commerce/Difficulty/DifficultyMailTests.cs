using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce.Difficulty;
using Ombud.Platform.Events;
using Ombud.Platform.Mail;
using Ombud.Platform.Timers;
using Ombud.Tests.Disputes;
using Ombud.Tests.Platform.Mail;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Difficulty;

/// <summary>The watch's contact with a shopper in difficulty also goes out by e-mail, once, to the real SMTP server ./test.sh starts.</summary>
public sealed class DifficultyMailTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_difficulty_contact_reaches_the_shopper_by_email_once_with_the_options_and_free_debt_advice(Provider provider)
    {
        var settings = new Dictionary<string, string?>(DifficultyDesk.Rules);
        foreach (var (key, value) in TestSmtp.Settings())
        {
            settings[key] = value;
        }

        await using var app = await OmbudTestApp.StartAsync(provider, settings: settings);
        var desk = new DifficultyDesk(app, await DisputeDesk.OpenAsync(app));
        var (_, order, _) = await desk.ShopperAsync();
        await desk.MissSecondPaymentAsync(order);

        await WatchAndSendAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(1)); // the next day: the same signs, no second contact and no second e-mail
        await WatchAndSendAsync(app);

        var mail = Assert.Single(await app.WithDbAsync(db => db.Set<OutgoingMail>().AsNoTracking().ToListAsync()));
        Assert.Equal((DifficultyMail.Kind, MailStatus.Sent), (mail.Kind, mail.Status));
        var received = TestSmtp.Received(mail.Id);
        Assert.NotNull(received);
        Assert.Equal("We are here if paying is hard right now", received.Subject);
        Assert.Equal("anna.svensson@example.se", Assert.Single(received.To.Mailboxes).Address);
        Assert.Contains("Hello Anna", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("move a due date", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("Kronofogden", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://help.ombud.test/", received.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("must pay", received.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One run of the watch, then its event to the mail subscriber, then the e-mail's timer: what the background loops would do.</summary>
    private static async Task WatchAndSendAsync(OmbudTestApp app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DifficultyWatch>().RunAsync(default);
        }

        await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(DifficultyMail.Subscriber, default);
        await app.Services.GetRequiredService<TimerRun>().RunOnceAsync([MailSending.Kind], default);
    }
}

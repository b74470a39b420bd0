using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Mail;

/// <summary>
/// The timer of an e-mail's next attempt, on the durable timers (so retries survive restarts and any node may send).
/// It sends outside any transaction (SMTP must not hold the database), then records the attempt and sets the timer for
/// the next one with back-off (<see cref="MailOptions.RetryDelayAfter"/>), or finishes it, in one unit of work. Should
/// the node die between sending and recording, the lease runs out and another node sends again: at least once, with
/// the same Message-ID. Logs carry the e-mail's id and kind only, never its recipient or words.
/// </summary>
public sealed partial class MailSending(OmbudDb db, UnitOfWork unitOfWork, TimerSchedule timers, SmtpMailer mailer, IOptionsMonitor<MailOptions> options,
    TimeProvider clock, ILogger<MailSending> logger) : ITimerHandler
{
    public const string Kind = "platform.mail-send";

    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var id = timer.EntityGuid;
        var mail = await db.Set<OutgoingMail>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        var attempt = mail is { Status: MailStatus.Queued } ? await mailer.SendAsync(mail, ct) : null;
        var now = clock.GetUtcNow().UtcDateTime;
        OutgoingMail? recorded = null;
        await unitOfWork.RunAsync(async token =>
        {
            var current = await db.Set<OutgoingMail>().SingleOrDefaultAsync(m => m.Id == id, token);
            DateTime? next = null;
            if (attempt is not null && current is { Status: MailStatus.Queued })
            {
                var delay = options.CurrentValue.RetryDelayAfter(current.Attempts + 1);
                current.Record(attempt, now, delay is { } d ? now + d : null);
                next = current.Status == MailStatus.Queued ? current.NextAttemptAt : null;
                recorded = current;
            }

            await timers.CompleteAsync(timer, next, token);
        }, ct, "The e-mail");

        if (recorded is not null)
        {
            LogAttempt(logger, recorded.Id, recorded.Kind, recorded.Status, recorded.Attempts);
        }

        return attempt is { Sent: true };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {MailId} ({Kind}) is {Status} after {Attempts} attempts")]
    private static partial void LogAttempt(ILogger logger, Guid mailId, string kind, MailStatus status, int attempts);
}

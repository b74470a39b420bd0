using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Ombud.Platform.Audit;
using Ombud.Platform.Http;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Mail;

/// <summary>
/// The one way to send an e-mail: <see cref="Queue"/> stages it in the caller's unit of work with the timer of its
/// first attempt, so it is stored exactly when the change it tells of is, and survives a killed process. Sending is
/// <see cref="MailSending"/>'s. Admins list the outbox and send a failed or unsent one again.
/// </summary>
public sealed class MailOutbox(OmbudDb db, UnitOfWork unitOfWork, TimerSchedule timers, AuditLog audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Stages <paramref name="draft"/> and its first attempt, due now. Returns the e-mail's id, or null when the address
    /// cannot take e-mail (empty, or not an address: an erased customer) and nothing was staged.
    /// </summary>
    public async Task<Guid?> QueueAsync(MailDraft draft, CancellationToken ct)
    {
        unitOfWork.EnsureOpen("Queueing an e-mail");
        if (!IsAddress(draft.To))
        {
            return null;
        }

        var now = Now;
        var mail = new OutgoingMail(Guid.CreateVersion7(now), Fit(draft), now);
        db.Add(mail);
        await timers.ScheduleAsync(MailSending.Kind, mail.Id.ToString(), now, ct);
        return mail.Id;
    }

    /// <summary>Whether an e-mail was already queued for <paramref name="correlationId"/> (one event, one e-mail).</summary>
    public Task<bool> QueuedForAsync(string correlationId, CancellationToken ct) =>
        db.Set<OutgoingMail>().AnyAsync(m => m.CorrelationId == correlationId, ct);

    /// <summary>The outbox, newest first, a page at a time, optionally of one status; recipients masked, bodies left out.</summary>
    public async Task<Outcome<Page<MailView>>> ListAsync(string? status, string? cursor, int? limit, CancellationToken ct)
    {
        var invalid = new Validation();
        MailStatus? only = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (EnumNames.TryParse<MailStatus>(status, out var parsed))
            {
                only = parsed;
            }
            else
            {
                invalid.Add("status", $"One of {string.Join(", ", Enum.GetNames<MailStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.");
            }
        }

        var before = Cursor.Check(invalid, cursor, limit);

        if (!invalid.IsValid)
        {
            return invalid.ToError();
        }

        var take = limit ?? Cursor.DefaultLimit;
        var rows = db.Set<OutgoingMail>().AsNoTracking();
        if (only is { } s)
        {
            rows = rows.Where(m => m.Status == s);
        }

        if (before is { } b)
        {
            // Ids are version 7, made at the e-mail's instant: descending id is newest first.
            rows = rows.Where(m => m.Id < b);
        }

        var page = await rows.OrderByDescending(m => m.Id).Take(take + 1).ToListAsync(ct);
        return Cursor.PageOf(page, take, m => m.Id, MailView.Of);
    }

    public Task<Outcome<MailView>> SendAgainAsync(Guid id, string actor, CancellationToken ct) =>
        unitOfWork.RunAsync<MailView>(async token =>
        {
            if (await db.Set<OutgoingMail>().SingleOrDefaultAsync(m => m.Id == id, token) is not { } mail)
            {
                return new NotFound("e-mail", id.ToString());
            }

            if (mail.SendAgain(Now) is { Succeeded: false } refused)
            {
                return refused.Error!;
            }

            await timers.ScheduleAsync(MailSending.Kind, mail.Id.ToString(), Now, token);
            audit.Record(actor, "mail.sent-again", $"mail:{mail.Id}", mail.Kind);
            return MailView.Of(mail);
        }, ct, "The e-mail");

    private static bool IsAddress(string to) =>
        to.Length is > 0 and <= OutgoingMail.MaxAddressLength && MailboxAddress.TryParse(to, out var parsed) && parsed.Address.Contains('@');

    private static MailDraft Fit(MailDraft draft) => draft with
    {
        Subject = draft.Subject.Length > OutgoingMail.MaxSubjectLength ? draft.Subject[..OutgoingMail.MaxSubjectLength] : draft.Subject,
    };
}

/// <summary>An outbox e-mail as an admin sees it: the recipient masked, no body.</summary>
public sealed record MailView(Guid Id, string Kind, string To, string Subject, MailStatus Status, int Attempts, string? LastError, DateTime CreatedAt,
    DateTime? NextAttemptAt, DateTime? SentAt, string? CorrelationId)
{
    public bool CanSendAgain => Status is MailStatus.Failed or MailStatus.NotSent;

    public static MailView Of(OutgoingMail m) =>
        new(m.Id, m.Kind, RecipientMask.Mask(m.To), m.Subject, m.Status, m.Attempts, m.LastError, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.CorrelationId);
}

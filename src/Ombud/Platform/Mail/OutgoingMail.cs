namespace Ombud.Platform.Mail;

public enum MailStatus
{
    /// <summary>Waiting for its next attempt at <see cref="OutgoingMail.NextAttemptAt"/>.</summary>
    Queued,

    /// <summary>The SMTP server took it.</summary>
    Sent,

    /// <summary>Refused for good, or every attempt failed; only "send again" sends it.</summary>
    Failed,

    /// <summary>No SMTP server is configured: kept, never lost, and sent again by hand once one is.</summary>
    NotSent,
}

/// <summary>
/// One e-mail in the durable outbox, written in the same unit of work as the change it tells of (<see cref="MailOutbox"/>)
/// and sent afterwards by <see cref="MailSending"/>. The recipient and the body are personal data: they live here and on
/// the admin page (masked), never in a log.
/// </summary>
public sealed class OutgoingMail
{
    public const int MaxAddressLength = 320;
    public const int MaxSubjectLength = 300;
    public const int MaxKindLength = 100;
    public const int MaxCorrelationLength = 200;
    public const int MaxErrorLength = 1000;
    public const string NoServer = "not sent: no SMTP server configured";

    private OutgoingMail()
    {
    }

    internal OutgoingMail(Guid id, MailDraft draft, DateTime now)
    {
        Id = id;
        To = draft.To;
        Subject = draft.Subject;
        TextBody = draft.TextBody;
        HtmlBody = draft.HtmlBody;
        Kind = draft.Kind;
        CorrelationId = draft.CorrelationId;
        CreatedAt = now;
        NextAttemptAt = now;
        Status = MailStatus.Queued;
    }

    public Guid Id { get; private set; }

    public string To { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string TextBody { get; private set; } = "";

    public string? HtmlBody { get; private set; }

    /// <summary>What it is about, e.g. <c>difficulty.contact</c>: the only thing logs say of it besides its id.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>What it belongs to, as the sending module writes it (e.g. <c>conversation:…</c>), so one event sends one e-mail.</summary>
    public string? CorrelationId { get; private set; }

    public MailStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? NextAttemptAt { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    public DateTime? SentAt { get; private set; }

    /// <summary>Records an attempt and decides what comes next: sent, a retry at <paramref name="retryAt"/>, or failed.</summary>
    public void Record(MailAttempt attempt, DateTime at, DateTime? retryAt)
    {
        if (attempt.NoServer)
        {
            // Not an attempt: nothing was tried, so nothing is counted against the message.
            (Status, LastError, NextAttemptAt) = (MailStatus.NotSent, NoServer, null);
            return;
        }

        Attempts++;
        LastAttemptAt = at;
        if (attempt.Sent)
        {
            (Status, SentAt, LastError, NextAttemptAt) = (MailStatus.Sent, at, null, null);
        }
        else if (!attempt.Permanent && retryAt is { } next)
        {
            (LastError, NextAttemptAt) = (Cut(attempt.Error), next);
        }
        else
        {
            (Status, LastError, NextAttemptAt) = (MailStatus.Failed, Cut(attempt.Error), null);
        }
    }

    /// <summary>An admin sends a failed or unsent message again: queued now, its earlier attempts kept in the count.</summary>
    public Outcome<OutgoingMail> SendAgain(DateTime now)
    {
        if (Status is not (MailStatus.Failed or MailStatus.NotSent))
        {
            return new Conflict($"Only a failed or unsent e-mail can be sent again (this one is {Status.ToString().ToLowerInvariant()}).");
        }

        (Status, NextAttemptAt) = (MailStatus.Queued, now);
        return this;
    }

    private static string? Cut(string? error) => error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
}

/// <summary>What a module asks to send: one recipient, a subject, a plain-text body (and optionally HTML), its kind.</summary>
public sealed record MailDraft(string To, string Subject, string TextBody, string Kind, string? CorrelationId = null, string? HtmlBody = null);

/// <summary>How one attempt went; <see cref="Error"/> never names the recipient (see <see cref="RecipientMask"/>).</summary>
public sealed record MailAttempt(bool Sent, string? Error, bool Permanent, bool NoServer = false)
{
    public static readonly MailAttempt Delivered = new(true, null, false);

    public static readonly MailAttempt NoServerConfigured = new(false, OutgoingMail.NoServer, false, NoServer: true);
}

namespace Ombud.Platform.Mail;

/// <summary>
/// Settings under <c>Ombud:Mail</c>. Without <see cref="SmtpOptions.Host"/> Ombud runs offline: e-mails are kept in the
/// outbox as "not sent: no SMTP server configured" and can be sent from the admin page once a server is set.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Ombud:Mail";

    public SmtpOptions Smtp { get; set; } = new();

    public MailSender From { get; set; } = new();

    /// <summary>Where links in e-mails point, e.g. <c>https://help.example.com</c>; without it e-mails name the page instead.</summary>
    public string? AppUrl { get; set; }

    /// <summary>Attempts before an e-mail the server keeps refusing for now (or that cannot be reached) is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles each time up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait after <paramref name="attempts"/> failed attempts, or null when none is left.</summary>
    public TimeSpan? RetryDelayAfter(int attempts) =>
        attempts >= MaxAttempts ? null : Storage.QueuedWork.Backoff(attempts, FirstRetryDelay, MaxRetryDelay);

    /// <summary>An absolute link to <paramref name="path"/> when <see cref="AppUrl"/> is set; null otherwise.</summary>
    public string? Link(string path) =>
        string.IsNullOrWhiteSpace(AppUrl) ? null : AppUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    /// <summary>
    /// An absolute link to <paramref name="path"/>: on <see cref="AppUrl"/> when set, else on <paramref name="siteUrl"/> (the
    /// address a request came in on) when it is an http(s) address; null without either (the CLI).
    /// </summary>
    public string? Link(string path, string? siteUrl) =>
        Link(path) ?? (Uri.TryCreate(siteUrl, UriKind.Absolute, out var site) && site.Scheme is "https" or "http" ? siteUrl!.TrimEnd('/') + path : null);
}

public sealed class SmtpOptions
{
    /// <summary>The SMTP server; none means no e-mail leaves Ombud.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>STARTTLS whenever the server offers it (true), or plain SMTP for a server on this machine (false).</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Optional sign-in at the server. The password is never logged.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>The sender every e-mail carries.</summary>
public sealed class MailSender
{
    public string Name { get; set; } = "Ombud";

    public string Address { get; set; } = "ombud@localhost";
}

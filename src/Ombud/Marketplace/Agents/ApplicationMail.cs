using System.Globalization;
using Microsoft.Extensions.Options;
using Ombud.Platform.Mail;

namespace Ombud.Marketplace.Agents;

/// <summary>
/// E-mails the confirmation link to someone who signed up as an agent, through the mail outbox in the sign-up's own
/// unit of work. Only with an SMTP server and <c>Ombud:Mail:AppUrl</c>: the link is never built on the Host header an
/// anonymous caller sends (that would let a stranger send someone a link to another site). The link is in the body
/// alone, never logged or answered.
/// </summary>
internal sealed class ApplicationMail(MailOutbox outbox, IOptions<MailOptions> mail)
{
    public const string Kind = "marketplace.agent-confirmation";

    /// <summary>The page the link opens, relative to the site.</summary>
    public const string ConfirmPath = "/agents/confirm";

    public static string LinkFor(string userId, string token) =>
        $"{ConfirmPath}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    /// <summary>Whether a confirmation can be e-mailed at all; without it nobody can sign up (no account could ever be confirmed).</summary>
    public bool CanSend => mail.Value.Smtp.Configured && mail.Value.Link(ConfirmPath) is not null;

    /// <summary>Queues the e-mail; false (nothing queued) when <see cref="CanSend"/> is not so.</summary>
    public async Task<bool> QueueAsync(string to, string name, string link, DateTime expiresAt, CancellationToken ct)
    {
        if (!mail.Value.Smtp.Configured || mail.Value.Link(link) is not { } absolute)
        {
            return false;
        }

        var text = $"Hello {name},\n\n"
                   + "Thank you for signing up to answer shoppers on Ombud. Confirm your e-mail address with this link; it works once, until "
                   + $"{expiresAt.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC:\n\n{absolute}\n\n"
                   + "Then sign in: your console shows your application waiting for certification. You get offers once an administrator "
                   + "has certified a skill of yours.\n\nIf you did not sign up, ignore this e-mail: the account cannot be used without the link.";
        return await outbox.QueueAsync(new MailDraft(to, "Confirm your e-mail to become an Ombud agent", text, Kind), ct) is not null;
    }
}

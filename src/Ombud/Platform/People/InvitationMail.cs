using System.Globalization;
using Microsoft.Extensions.Options;
using Ombud.Platform.Auth;
using Ombud.Platform.Mail;

namespace Ombud.Platform.People;

/// <summary>
/// E-mails an invitation's link to the invitee through the mail outbox, in the invitation's own unit of work, so the
/// e-mail is stored exactly when the link is made. Only with an SMTP server configured: without one the link would
/// wait unsent in the outbox while the admin, who could pass it on, never saw it. The link lives in the e-mail's body
/// alone: the outbox page and its logs show neither the body nor the whole address.
/// </summary>
public sealed class InvitationMail(MailOutbox outbox, IOptions<MailOptions> mail)
{
    public const string Kind = "people.invitation";

    /// <summary>
    /// Queues the e-mail; false (nothing queued) without an SMTP server, or when no absolute link can be made: no
    /// <c>Ombud:Mail:AppUrl</c> and no <paramref name="siteUrl"/> (the CLI).
    /// </summary>
    internal async Task<bool> QueueAsync(OmbudUser user, string link, DateTime expiresAt, string? siteUrl, CancellationToken ct)
    {
        if (!mail.Value.Smtp.Configured || mail.Value.Link(link, siteUrl) is not { } absolute)
        {
            return false;
        }

        var draft = new MailDraft(user.Email!, "You are invited to Ombud", Text(user.DisplayName, absolute, expiresAt), Kind);
        return await outbox.QueueAsync(draft, ct) is not null;
    }

    internal static string Text(string name, string link, DateTime expiresAt) =>
        $"Hello {name},\n\n"
        + "You are invited to Ombud. Choose your password with this link; it works once, until "
        + $"{expiresAt.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC:\n\n{link}\n\n"
        + "If the link has expired, ask the administrator who invited you to issue the invitation again. "
        + "If you did not expect this e-mail, you can ignore it: no account is usable without the password you choose.";
}

using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ombud.Platform.Mail;

/// <summary>
/// Makes one SMTP attempt of an outbox e-mail with MailKit and says how it went; it never throws for what the server
/// or the network does. A 5xx answer is final (the server will not take it, however often it is asked); anything else
/// (a 4xx, no connection, a time-out) is worth another attempt. The Message-ID is the outbox id, so a receiver can
/// tell a repeat (a node that died after sending, before recording) from a new e-mail.
/// </summary>
public sealed class SmtpMailer(IOptionsMonitor<MailOptions> options, TimeProvider clock)
{
    public async Task<MailAttempt> SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        if (!settings.Smtp.Configured)
        {
            return MailAttempt.NoServerConfigured;
        }

        MimeMessage message;
        try
        {
            message = Compose(mail, settings);
        }
        catch (ParseException)
        {
            return new MailAttempt(false, "The recipient's address is not a valid e-mail address.", Permanent: true);
        }

        using var client = new SmtpClient { Timeout = (int)settings.Smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Smtp.Host!, settings.Smtp.Port,
                settings.Smtp.UseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(settings.Smtp.User))
            {
                await client.AuthenticateAsync(settings.Smtp.User, settings.Smtp.Password ?? "", ct);
            }

            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return MailAttempt.Delivered;
        }
        catch (SmtpCommandException refused)
        {
            var error = $"The SMTP server answered {(int)refused.StatusCode}: {refused.Message}";
            return new MailAttempt(false, RecipientMask.Scrub(error, mail.To), Permanent: (int)refused.StatusCode >= 500);
        }
        catch (Exception failed) when (!ct.IsCancellationRequested && failed is SocketException or IOException or SmtpProtocolException
                                           or AuthenticationException or SslHandshakeException or ServiceNotConnectedException
                                           or TimeoutException or OperationCanceledException)
        {
            var error = $"{failed.GetType().Name}: {failed.Message}";
            return new MailAttempt(false, RecipientMask.Scrub(error, mail.To), Permanent: false);
        }
    }

    private MimeMessage Compose(OutgoingMail mail, MailOptions settings)
    {
        var message = new MimeMessage
        {
            MessageId = $"{mail.Id:N}@ombud",
            Date = clock.GetUtcNow(),
            Subject = mail.Subject,
            Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(settings.From.Name, settings.From.Address));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Headers.Add("X-Ombud-Kind", mail.Kind);
        return message;
    }
}

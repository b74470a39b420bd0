using System.Text.RegularExpressions;
using MimeKit;

namespace Ombud.BrowserTests;

/// <summary>
/// The demo server with the real SMTP server ./test.sh starts (scripts/services.sh), so it e-mails as in production: a
/// sign-up is open and its confirmation link arrives in the sink's folder as a <c>.eml</c> file. The links name
/// <see cref="AppUrl"/>, the address the provider would publish; a test opens their path and query on this server.
/// </summary>
public sealed partial class MailingDemoServer() : DemoServer(Settings())
{
    public const string AppUrl = "https://help.ombud.test";

    private static Dictionary<string, string> Settings() => new()
    {
        ["Ombud__Mail__Smtp__Host"] = Required("OMBUD_TEST_SMTP_HOST"),
        ["Ombud__Mail__Smtp__Port"] = Required("OMBUD_TEST_SMTP_PORT"),
        ["Ombud__Mail__Smtp__UseTls"] = "false",
        ["Ombud__Mail__From__Name"] = "Ombud help",
        ["Ombud__Mail__From__Address"] = "help@ombud.test",
        ["Ombud__Mail__AppUrl"] = AppUrl,
    };

    /// <summary>The first link to this site in the e-mail the SMTP server received for <paramref name="to"/>, as path and query; waits up to two minutes.</summary>
    public static async Task<(MimeMessage Message, string PathAndQuery)> LinkMailedToAsync(string to)
    {
        var directory = Required("OMBUD_TEST_SMTP_DIR");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.eml"))
            {
                MimeMessage message;
                try
                {
                    message = await MimeMessage.LoadAsync(file);
                }
                catch (Exception e) when (e is IOException or FormatException)
                {
                    continue; // Still being written by the server.
                }

                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase))
                    && SiteLink().Match(message.TextBody ?? "") is { Success: true } link)
                {
                    return (message, new Uri(link.Value).PathAndQuery);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No e-mail with a link reached {to} at the SMTP server within two minutes.");
            }

            await Task.Delay(500);
        }
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: these tests need the SMTP server that ./test.sh starts. Run them with ./test.sh.");

    [GeneratedRegex(@"https://help\.ombud\.test/\S+")]
    private static partial Regex SiteLink();
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Ombud.Tests.Platform.Mail;

/// <summary>
/// The real SMTP server that ./test.sh starts (scripts/services.sh: Debian's aiosmtpd with scripts/smtp_sink.py), which
/// writes every message it accepts to a folder as <c>&lt;n&gt;.eml</c>. A missing server is a failure, never a skip.
/// Tests share it, so each finds its own message by the Message-ID Ombud gives it (the outbox id).
/// </summary>
internal static class TestSmtp
{
    public static string Host => Required("OMBUD_TEST_SMTP_HOST");

    public static int Port => int.Parse(Required("OMBUD_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static string Directory => Required("OMBUD_TEST_SMTP_DIR");

    /// <summary>Settings that point a test host at the server on <paramref name="port"/> (the shared one by default).</summary>
    public static Dictionary<string, string?> Settings(int? port = null) => new()
    {
        ["Ombud:Mail:Smtp:Host"] = Host,
        ["Ombud:Mail:Smtp:Port"] = (port ?? Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ombud:Mail:Smtp:UseTls"] = "false",
        ["Ombud:Mail:From:Name"] = "Ombud help",
        ["Ombud:Mail:From:Address"] = "help@ombud.test",
        ["Ombud:Mail:AppUrl"] = "https://help.ombud.test",
    };

    /// <summary>The message the server received for outbox e-mail <paramref name="mailId"/>, or null if none (yet).</summary>
    public static MimeMessage? Received(Guid mailId, string? directory = null)
    {
        var id = $"{mailId:N}@ombud";
        foreach (var file in System.IO.Directory.EnumerateFiles(directory ?? Directory, "*.eml"))
        {
            var message = MimeMessage.Load(file);
            if (message.MessageId == id)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on now: a server that is down.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts another such server on <paramref name="port"/>, writing to <paramref name="directory"/>: one coming back up.</summary>
    public static async Task<Process> StartAnotherAsync(int port, string directory)
    {
        var sink = Required("OMBUD_TEST_SMTP_SINK");
        var start = new ProcessStartInfo("bash", ["-c", $"exec {sink} -l 127.0.0.1:{port} '{directory}'"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP server.");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"The SMTP server did not listen on {port}: {await process.StandardError.ReadToEndAsync()}");
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: the mail tests need the SMTP server that ./test.sh starts. Run the tests with ./test.sh.");
}

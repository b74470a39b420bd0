using System.Diagnostics;
using System.Text.Json;

namespace Ombud.Tests.Platform.Webhooks;

/// <summary>
/// The reference <c>standardwebhooks</c> npm package, run by node over tests/webhooks-verifier/verify.mjs: what a
/// merchant's own receiver would use. Missing node or packages fail the test with what to do, never skip it.
/// </summary>
internal static class StandardWebhooksVerifier
{
    /// <summary>True when the library accepts the message with <paramref name="secret"/>, judged at <paramref name="now"/>.</summary>
    public static async Task<(bool Verified, string Output)> VerifyAsync(string secret, IReadOnlyDictionary<string, string> headers, string body,
        DateTimeOffset now)
    {
        var directory = VerifierDirectory();
        var file = Path.Combine(Path.GetTempPath(), $"ombud-webhook-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            secret,
            headers = headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.Ordinal)).ToDictionary(h => h.Key, h => h.Value),
            body,
            now = now.ToUnixTimeSeconds(),
        }));
        try
        {
            var start = new ProcessStartInfo("node", ["verify.mjs", file])
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("node is not installed: the webhook tests verify with the reference npm package and need node on PATH.", e);
            }

            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                await process.WaitForExitAsync(timeout.Token);
                var output = (await stdout + await stderr).Trim();
                Assert.True(process.ExitCode is 0 or 1, $"verify.mjs failed to run (exit {process.ExitCode}): {output}");
                return (process.ExitCode == 0, output);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string VerifierDirectory()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ombud.slnx")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Ombud.slnx not found above the test binaries."),
            "tests", "webhooks-verifier");
        if (!File.Exists(Path.Combine(directory, "node_modules", "standardwebhooks", "package.json")))
        {
            throw new InvalidOperationException(
                $"The npm package standardwebhooks is not installed in {directory}: run 'npm install' there (./test.sh does).");
        }

        return directory;
    }
}

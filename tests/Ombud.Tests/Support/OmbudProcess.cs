using System.Diagnostics;
using System.Text;

namespace Ombud.Tests.Support;

/// <summary>
/// The real <c>ombud</c> executable as a child process, the way an operator runs it: for the CLI's verbs and for
/// tests that need several nodes.
/// </summary>
public sealed class OmbudProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private OmbudProcess(Process process, string? url)
    {
        _process = process;
        Url = url;
    }

    public string? Url { get; }

    /// <summary>The node's process id, as its event probe names it (<c>machine:pid</c>).</summary>
    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "ombud.dll");

    /// <summary>Runs a verb to its end and returns its exit code and what it printed.</summary>
    public static Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(IDictionary<string, string> environment,
        params string[] args) => RunWithInputAsync(environment, "", args);

    /// <summary>Runs a verb with <paramref name="input"/> as its standard input, then closes it (end of file).</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunWithInputAsync(IDictionary<string, string> environment,
        string input, params string[] args)
    {
        using var process = Start(environment, args, redirectStandardInput: true);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>ombud serve</c> on a free loopback port and waits until /health/ready answers 200.</summary>
    public static async Task<OmbudProcess> ServeAsync(IDictionary<string, string> environment, params string[] extraArgs)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var process = Start(environment, ["serve", "--urls", url, .. extraArgs], redirectStandardInput: false);
        var node = new OmbudProcess(process, url);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        }
        catch
        {
            // A node that never became ready is nobody's to stop later: left running, it would load the machine
            // for every test after it.
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would: no graceful shutdown, open transactions cut off.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"ombud serve exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri($"{Url}/health/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy migrating or seeding.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"ombud serve at {Url} was not ready within {limit}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static Process Start(IDictionary<string, string> environment, string[] args, bool redirectStandardInput)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStandardInput,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(ExecutablePath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // What every node outside demo mode must have; a test that is about its absence removes it.
        start.Environment["Ombud__DataProtection__CertificatePath"] = TestCertificates.KeyEncryptionPath;
        start.Environment["Ombud__DataProtection__CertificatePassword"] = TestCertificates.Password;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start ombud.");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

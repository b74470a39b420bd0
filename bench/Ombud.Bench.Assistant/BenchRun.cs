using System.Globalization;
using Ombud.Bench.Assistant.Chat;
using Ombud.Bench.Assistant.Cli;
using Ombud.Bench.Assistant.Load;
using Ombud.Bench.Assistant.Report;
using Ombud.Bench.Ingest.Cli;
using Ombud.Bench.Ingest.Progress;

namespace Ombud.Bench.Assistant;

/// <summary>Sign in, open the conversations, warm up, reset the server's window, measure, report.</summary>
internal static class BenchRun
{
    /// <summary>Connections opened at once: a burst of 200 WebSocket handshakes is a test of its own, not this one.</summary>
    private const int OpeningParallelism = 16;

    public static async Task<int> ExecuteAsync(BenchOptions options, CancellationToken abort)
    {
        var seed = options.Seed ?? Random.Shared.Next();
        var progress = ProgressViews.For(options.Json);
        var cap = options.Duration is { } limit ? string.Create(CultureInfo.InvariantCulture, $"  duration cap {limit.TotalSeconds:0.#} s") : "";
        cap += options.Rate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"  paced at {rate:0.#} turns/s") : "";
        progress.Note(string.Create(CultureInfo.InvariantCulture,
            $"target {options.BaseUrl}  seed {seed}  conversations {options.Conversations}  turns/conversation {options.TurnsPerConversation}  warmup {options.Warmup:N0}  turns {options.Turns:N0}{cap}"));

        using var server = new ServerLatency(options.BaseUrl, options.AdminKey);
        var workers = new List<ConversationWorker>();
        try
        {
            var cookies = await ShopperSession.SignInAsync(options.BaseUrl, options.ShopperEmail, options.ShopperPassword, abort);
            await Parallel.ForAsync(0, options.Conversations, new ParallelOptions { MaxDegreeOfParallelism = OpeningParallelism, CancellationToken = abort },
                async (i, ct) =>
                {
                    var chat = await ChatConnection.OpenAsync(options.BaseUrl, cookies, ct);
                    lock (workers)
                    {
                        workers.Add(new ConversationWorker(chat, new Random(HashCode.Combine(seed, i)), options.TurnsPerConversation));
                    }
                });
            progress.Note($"signed in as {options.ShopperEmail}; {workers.Count} connections open");

            var runner = new PhaseRunner(workers, progress, options.Rate);
            if (options.Warmup > 0)
            {
                var warmup = await runner.RunAsync("warmup", options.Warmup, CancellationToken.None, abort);
                if (warmup.Turns == 0 && !abort.IsCancellationRequested)
                {
                    await Console.Error.WriteLineAsync($"error: no warm-up turn was answered: {string.Join("; ", warmup.Tally.ErrorsByKind.Keys)}");
                    return ExitCodes.Failed;
                }
            }

            await server.ResetAsync(abort);
            // bench/assistant.sh counts the node's CPU from this line on: the measured turns, not the warm-up.
            progress.Note("measuring: the server's window is reset");
            using var stop = new CancellationTokenSource();
            if (options.Duration is { } duration)
            {
                stop.CancelAfter(duration);
            }

            var measured = await runner.RunAsync("turns", options.Turns, stop.Token, abort);
            var figures = BenchFigures.From(measured, await server.ReadAsync(CancellationToken.None), options.Conversations);
            if (options.Json)
            {
                FiguresReport.WriteJson(figures, Console.Out);
            }
            else
            {
                FiguresReport.WriteText(figures, Console.Out);
            }

            return abort.IsCancellationRequested ? ExitCodes.Interrupted : figures.Turns > 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (Exception error) when (error is InvalidOperationException or HttpRequestException && !abort.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}");
            return ExitCodes.Failed;
        }
        finally
        {
            await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask()));
        }
    }
}

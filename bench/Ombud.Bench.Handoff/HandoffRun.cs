using System.Diagnostics;
using System.Globalization;
using Ombud.Bench.Handoff.Cli;
using Ombud.Bench.Handoff.Load;
using Ombud.Bench.Handoff.People;
using Ombud.Bench.Handoff.Report;
using Ombud.Bench.Ingest.Cli;
using Ombud.Bench.Ingest.Progress;

namespace Ombud.Bench.Handoff;

/// <summary>Sign everyone in, put the agents online, hand off on schedule (warm-up, then measured), wait for the last offers, report.</summary>
internal static class HandoffRun
{
    public static async Task<int> ExecuteAsync(HandoffOptions options, CancellationToken abort)
    {
        var progress = ProgressViews.For(options.Json);
        progress.Note(string.Create(CultureInfo.InvariantCulture,
            $"target {options.BaseUrl}  accounts {options.Accounts.Count}  agents {options.Agents} x {options.Capacity}  rate {options.Rate}/s  warm-up {options.Warmup.TotalSeconds} s  measured {options.Measured.TotalSeconds} s"));
        var ledger = new HandoffLedger(options.MissAfter);
        using var desk = new ShopperDesk(options.BaseUrl);
        var agents = new List<AgentConsole>();
        try
        {
            var everyone = await Crowd.SignInAsync(options.BaseUrl, options.Accounts, options.Password, progress, abort);
            (agents, var shoppers) = await Crowd.EnlistAsync(options.BaseUrl, options.AdminKey, options.Password, everyone, options.Agents, options.Capacity,
                desk, ledger, progress, abort);
            foreach (var shopper in shoppers)
            {
                ledger.Release(shopper);
            }

            progress.Note($"{agents.Count} agents online, {shoppers.Count} shoppers ready");
            var started = Stopwatch.GetTimestamp();
            await new HandoffSchedule(desk, ledger, progress).RunAsync(options.Rate, options.Warmup, options.Measured, abort);
            var measured = Stopwatch.GetElapsedTime(started) - options.Warmup;
            await DrainAsync(ledger, options.MissAfter, progress, abort);
            progress.Note($"{desk.BusyRetries} shopper requests sent again after a 503 with Retry-After");

            var figures = HandoffFigures.From(ledger, agents.Count, options.Capacity, shoppers.Count, options.Rate, measured, Stopwatch.GetElapsedTime(started),
                options.MissAfter);
            if (options.Json)
            {
                figures.WriteJson(Console.Out);
            }
            else
            {
                figures.WriteText(Console.Out);
            }

            if (figures.Offered == 0)
            {
                // Said where a person sees it: the script keeps stdout for the results of a run that worked.
                figures.WriteText(Console.Error);
                await Console.Error.WriteLineAsync("error: no measured hand-off reached an agent.");
            }

            return abort.IsCancellationRequested ? ExitCodes.Interrupted : figures.Offered > 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (Exception error) when (error is InvalidOperationException or HttpRequestException && !abort.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}");
            return ExitCodes.Failed;
        }
        finally
        {
            await Task.WhenAll(agents.Select(a => a.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Waits until every acknowledged hand-off was offered, or the oldest still open passed the bound.</summary>
    private static async Task DrainAsync(HandoffLedger ledger, TimeSpan missAfter, IProgressView progress, CancellationToken abort)
    {
        while (!abort.IsCancellationRequested)
        {
            var (open, oldest) = ledger.Outstanding(Stopwatch.GetTimestamp());
            if (open == 0 || oldest > missAfter)
            {
                return;
            }

            progress.Note(string.Create(CultureInfo.InvariantCulture, $"waiting for {open} offers (oldest {oldest.TotalSeconds:0.0} s)"));
            await Task.Delay(TimeSpan.FromMilliseconds(500), abort).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

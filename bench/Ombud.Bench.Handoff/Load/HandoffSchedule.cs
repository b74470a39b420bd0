using System.Diagnostics;
using Ombud.Bench.Handoff.People;
using Ombud.Bench.Ingest.Progress;

namespace Ombud.Bench.Handoff.Load;

/// <summary>
/// Open loop: the i-th hand-off is due at start + i / rate, whether or not the earlier ones were answered, so a slow
/// server meets the same arrivals a real evening brings and its queueing shows in the figures instead of slowing the
/// load. Each is a free shopper opening a conversation and pressing "Talk to a person"; the warm-up's are not measured.
/// </summary>
internal sealed class HandoffSchedule(ShopperDesk desk, HandoffLedger ledger, IProgressView progress)
{
    public async Task RunAsync(double rate, TimeSpan warmup, TimeSpan measured, CancellationToken abort)
    {
        var total = (long)Math.Round((warmup + measured).TotalSeconds * rate);
        var warmupCount = (long)Math.Round(warmup.TotalSeconds * rate);
        var issued = 0L;
        var inFlight = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        var issuing = Task.Run(async () =>
        {
            for (var i = 0L; i < total && !abort.IsCancellationRequested; i++)
            {
                var due = start + (long)(i * Stopwatch.Frequency / rate);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), abort).ConfigureAwait(false);
                }

                inFlight.Add(HandOffAsync(measured: i >= warmupCount, abort));
                Interlocked.Increment(ref issued);
            }
        }, CancellationToken.None);
        try
        {
            await progress.TrackAsync("hand-offs", total, () => Volatile.Read(ref issued), issuing.ContinueWith(_ => 0L, TaskScheduler.Default));
            await issuing;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
        }

        await Task.WhenAll(inFlight);
    }

    private async Task HandOffAsync(bool measured, CancellationToken abort)
    {
        if (!ledger.TryTakeShopper(out var shopper))
        {
            return;
        }

        Guid? conversation = null;
        var asked = Stopwatch.GetTimestamp();
        try
        {
            (conversation, var failure) = await desk.StartAsync(shopper, abort);
            if (conversation is { } id)
            {
                ledger.Started(id, shopper, measured);
                failure = await desk.HandOffAsync(shopper, id, abort);
                if (failure is null)
                {
                    ledger.Acknowledged(id, asked, Stopwatch.GetTimestamp());
                    return;
                }
            }

            ledger.Refused(conversation, shopper, failure!);
        }
        catch (Exception error) when (error is HttpRequestException or IOException or TaskCanceledException or System.Text.Json.JsonException)
        {
            ledger.Refused(conversation, shopper, $"{error.GetType().Name}: {(error.Message.Length > 80 ? error.Message[..80] : error.Message)}");
        }
    }
}

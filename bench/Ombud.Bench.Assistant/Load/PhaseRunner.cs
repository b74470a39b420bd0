using System.Diagnostics;
using Ombud.Bench.Ingest.Progress;

namespace Ombud.Bench.Assistant.Load;

/// <summary>
/// Load over the open conversations: each keeps at most one message in flight and takes the next turn number from a
/// shared counter, so a phase ends after exactly its count (or at its deadline). Unpaced, a closed loop: a conversation
/// sends as soon as it is answered, so the time a turn waits is the conversations over the throughput (Little's law)
/// whatever a turn costs. Paced (<paramref name="rate"/> turns a second), turn <i>n</i> is sent no sooner than
/// <i>n</i>/rate seconds into the phase: below the server's capacity its latency is what one turn costs at that rate.
/// </summary>
/// <remarks>
/// Round trips are timed from the send, not from the turn's place in the schedule: when the server falls behind, the
/// client's figures understate the wait (the server's own percentiles, which the report leads with, do not depend on it).
/// </remarks>
internal sealed class PhaseRunner(IReadOnlyList<ConversationWorker> workers, IProgressView progress, double? rate = null)
{
    public async Task<PhaseResult> RunAsync(string label, long count, CancellationToken stopIssuing, CancellationToken abort)
    {
        var roundTrips = new RoundTrips();
        var tally = new Tally();
        var state = new PhaseState(count);
        var started = Stopwatch.GetTimestamp();
        var running = workers.Select(w => Task.Run(() => WorkAsync(w, state, started, roundTrips, tally, stopIssuing, abort), CancellationToken.None)).ToArray();
        var done = await progress.TrackAsync(label, count, () => Volatile.Read(ref state.Completed), SumAsync(running));
        return new PhaseResult(label, done, tally, roundTrips, Stopwatch.GetElapsedTime(started));
    }

    private async Task<long> WorkAsync(ConversationWorker worker, PhaseState state, long started, RoundTrips roundTrips, Tally tally,
        CancellationToken stopIssuing, CancellationToken abort)
    {
        long done = 0;
        long issued;
        while (!stopIssuing.IsCancellationRequested && !abort.IsCancellationRequested && (issued = Interlocked.Increment(ref state.Issued)) <= state.Count)
        {
            try
            {
                if (rate is { } perSecond && TimeSpan.FromSeconds((issued - 1) / perSecond) - Stopwatch.GetElapsedTime(started) is { Ticks: > 0 } early)
                {
                    await Task.Delay(early, abort);
                }

                await worker.TurnAsync(roundTrips, tally, abort);
                done++;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error) when (error is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or IOException
                or System.Net.WebSockets.WebSocketException or TaskCanceledException)
            {
                tally.Fail(error);
            }

            Interlocked.Increment(ref state.Completed);
        }

        return done;
    }

    private static async Task<long> SumAsync(Task<long>[] running) => (await Task.WhenAll(running)).Sum();

    private sealed class PhaseState(long count)
    {
        public readonly long Count = count;
        public long Issued;
        public long Completed;
    }
}

/// <summary>What one phase did: turns answered, their tally, client round trips, and its wall-clock time.</summary>
internal sealed record PhaseResult(string Label, long Turns, Tally Tally, RoundTrips RoundTrips, TimeSpan Elapsed);

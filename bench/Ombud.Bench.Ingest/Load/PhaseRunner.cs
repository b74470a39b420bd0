using System.Diagnostics;
using HdrHistogram;
using Ombud.Bench.Ingest.Api;
using Ombud.Bench.Ingest.Progress;

namespace Ombud.Bench.Ingest.Load;

/// <summary>
/// Closed-loop load: each worker keeps exactly one request in flight and takes the next sequence number from a
/// shared counter, so the phase ends after exactly its count however fast or slow each worker is.
/// </summary>
internal sealed class PhaseRunner(ApiClient api, IProgressView progress)
{
    /// <summary>Ten minutes bounds any request: the per-request timeout is at most five.</summary>
    private static readonly long HighestTrackable = TimeStamp.Minutes(10);

    /// <summary>A microsecond floor keeps the histogram small; nothing on loopback HTTP is faster than that.</summary>
    private static readonly long LowestDiscernible = Math.Max(1, Stopwatch.Frequency / 1_000_000);

    public async Task<PhaseResult> RunAsync(
        PhasePlan plan,
        Func<long, ApiRequest> request,
        Action<long, PostOutcome>? onSuccess,
        CancellationToken stopIssuing,
        CancellationToken abort)
    {
        var latency = new LongConcurrentHistogram(LowestDiscernible, HighestTrackable, 3);
        var errors = new ErrorTally();
        var state = new PhaseState(plan.FirstSequence, plan.FirstSequence + plan.Count);

        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, (int)Math.Min(plan.Workers, plan.Count))
            .Select(_ => Task.Run(() => WorkAsync(plan, state, request, onSuccess, latency, errors, stopIssuing, abort), CancellationToken.None))
            .ToArray();
        var succeeded = await progress.TrackAsync(plan.Label, plan.Count, () => Volatile.Read(ref state.Completed), SumAsync(workers));
        var elapsed = Stopwatch.GetTimestamp() - started;

        var stoppedEarly = succeeded + errors.Total < plan.Count;
        return new PhaseResult(plan.Label, succeeded, errors, latency, elapsed, stoppedEarly);
    }

    private async Task<long> WorkAsync(
        PhasePlan plan,
        PhaseState state,
        Func<long, ApiRequest> request,
        Action<long, PostOutcome>? onSuccess,
        LongConcurrentHistogram latency,
        ErrorTally errors,
        CancellationToken stopIssuing,
        CancellationToken abort)
    {
        long succeeded = 0;
        while (!stopIssuing.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            var sequence = Interlocked.Increment(ref state.NextSequence) - 1;
            if (sequence >= state.EndSequence)
            {
                break;
            }

            PostOutcome outcome;
            try
            {
                outcome = await PostWithRetriesAsync(request(sequence), plan, abort);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                break;
            }

            if (outcome.Succeeded)
            {
                latency.RecordValue(Math.Min(outcome.ElapsedTicks, HighestTrackable));
                onSuccess?.Invoke(sequence, outcome);
                succeeded++;
            }
            else
            {
                errors.Add(outcome.Failure!, outcome.Body);
            }

            Interlocked.Increment(ref state.Completed);
        }

        return succeeded;
    }

    private async Task<PostOutcome> PostWithRetriesAsync(ApiRequest request, PhasePlan plan, CancellationToken abort)
    {
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await api.PostAsync(request, plan.KeepBodies, abort);
            if (outcome.Succeeded || attempt >= plan.Retries || !IsTransient(outcome))
            {
                return outcome;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), abort);
        }
    }

    private static bool IsTransient(PostOutcome outcome) => outcome.StatusCode is 0 or 429 or >= 500;

    private static async Task<long> SumAsync(Task<long>[] workers) => (await Task.WhenAll(workers)).Sum();

    private sealed class PhaseState(long firstSequence, long endSequence)
    {
        public long NextSequence = firstSequence;
        public long Completed;
        public readonly long EndSequence = endSequence;
    }
}

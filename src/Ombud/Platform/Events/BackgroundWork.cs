using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Events;

/// <summary>
/// What a serving node does in the background: hand events to subscribers and fire timers. Each loop runs at once on
/// start (whatever fell due while the node was down), then every <see cref="EventOptions.PollMilliseconds"/> on the
/// injected clock; each also wakes the moment this node commits work of its kind that is due now, so a subscriber
/// reacts within milliseconds.
/// </summary>
internal abstract partial class PollingLoop : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly IOptions<EventOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private Task? _waiting;

    /// <summary>
    /// The loop wakes on this node's commits that queued <paramref name="work"/> due now (a published event's
    /// deliveries, a timer due at once), and whenever everything may have fallen due (the demo clock moved).
    /// </summary>
    protected PollingLoop(Type work, CommitSignal commits, IOptions<EventOptions> options, TimeProvider clock, ILogger logger)
    {
        (_options, _clock, _logger) = (options, clock, logger);
        commits.Queued += kind =>
        {
            if (kind == work)
            {
                Wake();
            }
        };
        commits.Everything += Wake;
    }

    protected abstract string What { get; }

    /// <param name="woken">True when a commit of this node woke the loop: there is work, so the pass claims without looking first.</param>
    protected abstract Task RunOnceAsync(bool woken, CancellationToken ct);

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit woke it in the same instant: once is enough.
            }
        }
    }

    /// <remarks>
    /// A wake while passes run starts another pass beside them, up to <see cref="EventOptions.Parallelism"/>: a pass
    /// that claimed a few items works them and ends, so work committed meanwhile (a hand-off while a batch of pay
    /// records is handled) is claimed by a pass of its own instead of waiting for the running one to end.
    /// </remarks>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var passes = new List<Task>();
        var woken = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            passes.RemoveAll(p => p.IsCompleted);
            while (passes.Count >= Math.Max(1, _options.Value.Parallelism))
            {
                await Task.WhenAny(passes);
                passes.RemoveAll(p => p.IsCompleted);
            }

            passes.Add(PassAsync(woken, stoppingToken));
            woken = await NextAsync(stoppingToken);
        }

        await Task.WhenAll(passes);
    }

    /// <summary>
    /// Waits for a wake or the poll interval on the injected clock, whichever comes first, and says whether it was a
    /// wake. Neither ending throws: an idle node polls twice a second per loop, and an exception each time is noise in
    /// every profile. A wait for a wake that the interval beat is kept for the next round, so it cannot swallow a
    /// later wake.
    /// </summary>
    private async Task<bool> NextAsync(CancellationToken stoppingToken)
    {
        var wake = _waiting ??= _wake.WaitAsync(stoppingToken);
        using var interval = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var first = await Task.WhenAny(wake, Task.Delay(_options.Value.Poll, _clock, interval.Token));
        await interval.CancelAsync();
        if (first != wake || !wake.IsCompletedSuccessfully)
        {
            return false;
        }

        _waiting = null;
        return true;
    }

    private async Task PassAsync(bool woken, CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(woken, stoppingToken);
        }
        catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
        {
            // A database hiccup must not stop the loop for good: the next pass tries again.
            LogPassFailed(_logger, What, failure);
        }
        catch (OperationCanceledException)
        {
            // The node is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the {What} failed; the next pass retries")]
    private static partial void LogPassFailed(ILogger logger, string what, Exception failure);
}

internal sealed class EventDispatcher(EventDispatch dispatch, CommitSignal commits, IOptions<EventOptions> options, TimeProvider clock,
    ILogger<EventDispatcher> logger) : PollingLoop(typeof(EventDelivery), commits, options, clock, logger)
{
    protected override string What => "event dispatcher";

    protected override Task RunOnceAsync(bool woken, CancellationToken ct) => dispatch.RunOnceAsync(null, look: !woken, ct);
}

internal sealed class TimerLoop(TimerRun timers, CommitSignal commits, IOptions<EventOptions> options, TimeProvider clock, ILogger<TimerLoop> logger)
    : PollingLoop(typeof(DurableTimer), commits, options, clock, logger)
{
    protected override string What => "timer loop";

    protected override Task RunOnceAsync(bool woken, CancellationToken ct) => timers.RunOnceAsync(null, look: !woken, ct);
}

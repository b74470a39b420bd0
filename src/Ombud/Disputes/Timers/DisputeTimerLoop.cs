using Microsoft.Extensions.Options;

namespace Ombud.Disputes.Timers;

/// <summary>
/// The background service every serving node runs: a tick as soon as the node starts (so whatever fell due while it was
/// down fires at once), then one every <see cref="DisputeTimerOptions.IntervalSeconds"/>, waited through the injected
/// <see cref="TimeProvider"/> so tests move it. The deadlines live in the database, never in this loop's memory.
/// </summary>
internal sealed partial class DisputeTimerLoop(DisputeTimers timers, TimeProvider time, IOptions<DisputeTimerOptions> options,
    ILogger<DisputeTimerLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        // Let the host finish starting before the first tick touches the database.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timers.FireDueAsync(stoppingToken);
                await Task.Delay(options.Value.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                // Never let one bad tick stop the host or the timers: log it and try again after the interval.
                LogTickFailed(logger, failure);
                await Task.Delay(options.Value.Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispute timers are disabled on this node (Ombud:Disputes:Timers:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A dispute timer tick failed; the next tick retries")]
    private static partial void LogTickFailed(ILogger logger, Exception failure);
}

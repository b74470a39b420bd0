using Microsoft.Extensions.Options;
using Ombud.Platform;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Fraud.Rings;

/// <summary>
/// Runs the <see cref="RingDetection"/> once a day as a durable timer (any node, once, survives restarts), each run
/// setting the next for the configured hour. It fires outside a unit of work (<see cref="WorkCommit.Outside"/>): the
/// detection reads for seconds before the write gate, then keeps its rings and moves the timer in one short unit.
/// </summary>
internal sealed partial class RingTimer(RingDetection detection, TimerSchedule timers, TimeProvider clock, IOptions<FraudOptions> options,
    ILogger<RingTimer> logger) : ITimerHandler
{
    public const string Kind = "fraud.ring-detection";

    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var kept = await detection.RunAsync(ct, (_, token) =>
            timers.CompleteAsync(timer, DailyTimer.NextRun(clock.GetUtcNow().UtcDateTime, options.Value.Rings.HourUtc), token));
        if (kept.Error is { } error)
        {
            // Retried with backoff, as any timer whose handler fails.
            throw new InvalidOperationException(error.Detail);
        }

        var done = kept.Value!;
        LogRan(logger, done.Found, done.New, done.Gone);
        return done.Found + done.Gone > 0;
    }

    public static int Hour(IServiceProvider services) => services.GetRequiredService<IOptions<FraudOptions>>().Value.Rings.HourUtc;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ring detection: {Found} rings found, {New} new, {Gone} no longer found")]
    private static partial void LogRan(ILogger logger, int found, int @new, int gone);
}

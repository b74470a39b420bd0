using Microsoft.Extensions.Options;
using Ombud.Platform.Timers;

namespace Ombud.Fraud.Rings;

/// <summary>
/// Runs the <see cref="RingDetection"/> once a day as a durable timer (any node, once, survives restarts), each run
/// setting the next for the configured hour.
/// </summary>
internal sealed partial class RingTimer(RingDetection detection, TimerSchedule timers, TimeProvider clock, IOptions<FraudOptions> options,
    ILogger<RingTimer> logger) : ITimerHandler
{
    public const string Kind = "fraud.ring-detection";

    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var pass = await detection.RunAsync(ct);
        LogRan(logger, pass.Found, pass.New, pass.Gone);
        await timers.ScheduleAsync(Kind, DailyTimer.EntityId, DailyTimer.NextRun(clock.GetUtcNow().UtcDateTime, options.Value.Rings.HourUtc), ct);
        return pass.Found + pass.Gone > 0;
    }

    public static int Hour(IServiceProvider services) => services.GetRequiredService<IOptions<FraudOptions>>().Value.Rings.HourUtc;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ring detection: {Found} rings found, {New} new, {Gone} no longer found")]
    private static partial void LogRan(ILogger logger, int found, int @new, int gone);
}

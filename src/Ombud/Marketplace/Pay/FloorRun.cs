using Microsoft.Extensions.Options;
using Ombud.Platform.Timers;

namespace Ombud.Marketplace.Pay;

/// <summary>
/// The hourly floor's daily run, a durable timer (any node, once, survives restarts): it tops up the finished days of
/// the last <see cref="PayOptions.FloorLookbackDays"/> not yet topped up (a day missed while every node was down is
/// caught up), then sets itself for the next day at <see cref="PayOptions.FloorHourUtc"/>.
/// </summary>
internal sealed partial class FloorRun(HourlyFloor floor, TimerSchedule timers, TimeProvider clock, IOptions<PayOptions> options, ILogger<FloorRun> logger)
    : ITimerHandler
{
    public const string Kind = "marketplace.hourly-floor";

    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var added = 0;
        for (var day = today.AddDays(-options.Value.FloorLookbackDays); day < today; day = day.AddDays(1))
        {
            added += (await floor.TopUpAsync(day, ct)).Count;
        }

        LogRan(logger, added);
        await timers.ScheduleAsync(Kind, DailyTimer.EntityId, DailyTimer.NextRun(now, options.Value.FloorHourUtc), ct);
        return added > 0;
    }

    /// <summary>Sets the daily timer if no node has yet (first start).</summary>
    public static Task EnsureAsync(IServiceProvider services, CancellationToken ct) =>
        DailyTimer.EnsureAsync(services, Kind, HourOf(services), ct);

    public static int HourOf(IServiceProvider services) => services.GetRequiredService<IOptions<PayOptions>>().Value.FloorHourUtc;

    [LoggerMessage(Level = LogLevel.Information, Message = "Hourly floor: {Added} agents topped up")]
    private static partial void LogRan(ILogger logger, int added);
}

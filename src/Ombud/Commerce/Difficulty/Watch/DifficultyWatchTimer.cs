using Microsoft.Extensions.Options;
using Ombud.Platform.Timers;

namespace Ombud.Commerce.Difficulty;

/// <summary>
/// Runs the <see cref="DifficultyWatch"/>, the <see cref="LateFeeNotices"/> and the <see cref="CollectionNotices"/> once a day as a durable timer (any node, once, survives restarts), each run
/// setting the next for the configured hour.
/// </summary>
internal sealed partial class DifficultyWatchTimer(DifficultyWatch watch, LateFeeNotices lateFees, CollectionNotices collection, TimerSchedule timers, TimeProvider clock, IOptions<DifficultyOptions> options,
    ILogger<DifficultyWatchTimer> logger) : ITimerHandler
{
    public const string Kind = "commerce.difficulty-watch";

    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var pass = await watch.RunAsync(ct);
        var (notices, charged) = await lateFees.RunAsync(ct);
        var (collectionNotices, handedOver) = await collection.RunAsync(ct);
        LogRan(logger, pass.Flagged, pass.Opened, pass.Contacted);
        LogLateFees(logger, notices, charged);
        LogCollection(logger, collectionNotices, handedOver);
        await timers.ScheduleAsync(Kind, DailyTimer.EntityId, DailyTimer.NextRun(clock.GetUtcNow().UtcDateTime, options.Value.Watch.HourUtc), ct);
        return pass.Flagged + notices + charged + collectionNotices + handedOver > 0;
    }

    /// <summary>Sets the daily timer if no node has yet (first start); a timer already set is left where it is.</summary>
    public static Task EnsureAsync(IServiceProvider services, CancellationToken ct) => DailyTimer.EnsureAsync(services, Kind, HourOf(services), ct);

    public static int HourOf(IServiceProvider services) => services.GetRequiredService<IOptions<DifficultyOptions>>().Value.Watch.HourUtc;

    [LoggerMessage(Level = LogLevel.Information, Message = "Difficulty watch: {Flagged} shoppers show signs, {Opened} cases opened, {Contacted} contacted")]
    private static partial void LogRan(ILogger logger, int flagged, int opened, int contacted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Late fees: {Notices} notices before a fee sent, {Charged} plans charged after their notice")]
    private static partial void LogLateFees(ILogger logger, int notices, int charged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Collection: {Notices} notices before a hand-over sent, {HandedOver} plans handed over after their notice")]
    private static partial void LogCollection(ILogger logger, int notices, int handedOver);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Commerce.Difficulty;

/// <summary>
/// Runs the <see cref="DifficultyWatch"/> and the <see cref="LateFeeNotices"/> once a day as a durable timer (any node, once, survives restarts), each run
/// setting the next for the configured hour.
/// </summary>
internal sealed partial class DifficultyWatchTimer(DifficultyWatch watch, LateFeeNotices lateFees, TimerSchedule timers, TimeProvider clock, IOptions<DifficultyOptions> options,
    ILogger<DifficultyWatchTimer> logger) : ITimerHandler
{
    public const string Kind = "commerce.difficulty-watch";
    public const string Daily = "daily";

    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var pass = await watch.RunAsync(ct);
        var (notices, charged) = await lateFees.RunAsync(ct);
        LogRan(logger, pass.Flagged, pass.Opened, pass.Contacted);
        LogLateFees(logger, notices, charged);
        await timers.ScheduleAsync(Kind, Daily, NextRun(clock.GetUtcNow().UtcDateTime, options.Value.Watch.HourUtc), ct);
        return pass.Flagged + notices + charged > 0;
    }

    /// <summary>The next time the clock shows <paramref name="hourUtc"/>, strictly after <paramref name="now"/>.</summary>
    public static DateTime NextRun(DateTime now, int hourUtc)
    {
        var today = now.Date.AddHours(Math.Clamp(hourUtc, 0, 23));
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>Sets the daily timer if no node has yet (first start); a timer already set is left where it is.</summary>
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var hour = services.GetRequiredService<IOptions<DifficultyOptions>>().Value.Watch.HourUtc;
        await services.GetRequiredService<UnitOfWork>().RunAsync(async token =>
        {
            if (!await db.Set<DurableTimer>().AnyAsync(t => t.Kind == Kind && t.EntityId == Daily, token))
            {
                await services.GetRequiredService<TimerSchedule>().ScheduleAsync(Kind, Daily, NextRun(clock.GetUtcNow().UtcDateTime, hour), token);
            }
        }, ct, "The difficulty watch's timer");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Difficulty watch: {Flagged} shoppers show signs, {Opened} cases opened, {Contacted} contacted")]
    private static partial void LogRan(ILogger logger, int flagged, int opened, int contacted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Late fees: {Notices} notices before a fee sent, {Charged} plans charged after their notice")]
    private static partial void LogLateFees(ILogger logger, int notices, int charged);
}

/// <summary>Sets the watch's daily timer on start; a node that cannot (the database hiccupped) serves anyway and the next start sets it.</summary>
internal sealed partial class DifficultyWatchStart(IServiceScopeFactory scopes, ILogger<DifficultyWatchStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await DifficultyWatchTimer.EnsureAsync(scope.ServiceProvider, cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotSet(logger, failure);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the difficulty watch's timer at start; the next start tries again")]
    private static partial void LogNotSet(ILogger logger, Exception failure);
}

using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Timers;

/// <summary>
/// A durable timer that fires once a day at an hour (UTC) and sets itself again for the next day: the daily runs of the
/// modules (the difficulty watch, the hourly floor). One timer per kind, entity <see cref="EntityId"/>.
/// </summary>
public static class DailyTimer
{
    public const string EntityId = "daily";

    /// <summary>The next time the clock shows <paramref name="hourUtc"/>, strictly after <paramref name="now"/>.</summary>
    public static DateTime NextRun(DateTime now, int hourUtc)
    {
        var today = now.Date.AddHours(Math.Clamp(hourUtc, 0, 23));
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>Sets the timer of <paramref name="kind"/> if no node has yet (first start); a timer already set is left where it is.</summary>
    public static async Task EnsureAsync(IServiceProvider services, string kind, int hourUtc, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await services.GetRequiredService<UnitOfWork>().RunAsync(async token =>
        {
            if (!await db.Set<DurableTimer>().AnyAsync(t => t.Kind == kind && t.EntityId == EntityId, token))
            {
                await services.GetRequiredService<TimerSchedule>().ScheduleAsync(kind, EntityId, NextRun(now, hourUtc), token);
            }
        }, ct, $"The daily timer {kind}");
    }

    /// <summary>Sets the daily timer of <paramref name="kind"/> when the host starts, at the hour <paramref name="hourUtc"/> reads from the settings.</summary>
    public static IServiceCollection AddDailyTimerStart(this IServiceCollection services, string kind, Func<IServiceProvider, int> hourUtc) =>
        services.AddSingleton<IHostedService>(s => new DailyTimerStart(s.GetRequiredService<IServiceScopeFactory>(), kind, hourUtc,
            s.GetRequiredService<ILogger<DailyTimerStart>>()));
}

/// <summary>Sets a daily timer on start; a node that cannot (the database hiccupped) serves anyway and the next start sets it.</summary>
public sealed partial class DailyTimerStart(IServiceScopeFactory scopes, string kind, Func<IServiceProvider, int> hourUtc, ILogger<DailyTimerStart> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await DailyTimer.EnsureAsync(scope.ServiceProvider, kind, hourUtc(scope.ServiceProvider), cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotSet(logger, kind, failure);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the daily timer {Kind} at start; the next start tries again")]
    private static partial void LogNotSet(ILogger logger, string kind, Exception failure);
}

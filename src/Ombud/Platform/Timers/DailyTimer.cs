using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Timers;

/// <summary>
/// A job that runs once a day at an hour (UTC) as a durable timer: its handler sets the next run with
/// <see cref="NextRun"/>; <see cref="AddDailyTimerStart"/> sets the first on start when no node has yet.
/// </summary>
public static partial class DailyTimer
{
    /// <summary>The entity id a daily job's one timer goes by.</summary>
    public const string EntityId = "daily";

    /// <summary>The next time the clock shows <paramref name="hourUtc"/>, strictly after <paramref name="now"/>.</summary>
    public static DateTime NextRun(DateTime now, int hourUtc)
    {
        var today = now.Date.AddHours(Math.Clamp(hourUtc, 0, 23));
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>Sets the daily timer of <paramref name="kind"/> if no node has yet (first start); a timer already set is left where it is.</summary>
    public static async Task EnsureAsync(IServiceProvider services, string kind, int hourUtc, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        await services.GetRequiredService<UnitOfWork>().RunAsync(async token =>
        {
            if (!await db.Set<DurableTimer>().AnyAsync(t => t.Kind == kind && t.EntityId == EntityId, token))
            {
                await services.GetRequiredService<TimerSchedule>().ScheduleAsync(kind, EntityId, NextRun(clock.GetUtcNow().UtcDateTime, hourUtc), token);
            }
        }, ct, $"The timer {kind}");
    }

    /// <summary>Sets the daily timer of <paramref name="kind"/> on start, at the hour <paramref name="hourUtc"/> reads from the settings.</summary>
    public static IServiceCollection AddDailyTimerStart(this IServiceCollection services, string kind, Func<IServiceProvider, int> hourUtc) =>
        services.AddSingleton<IHostedService>(provider => new Start(kind, hourUtc, provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<ILogger<Start>>()));

    /// <summary>A node that cannot set the timer (the database hiccupped) serves anyway, and the next start tries again.</summary>
    internal sealed partial class Start(string kind, Func<IServiceProvider, int> hourUtc, IServiceScopeFactory scopes, ILogger<Start> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await EnsureAsync(scope.ServiceProvider, kind, hourUtc(scope.ServiceProvider), cancellationToken);
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
}

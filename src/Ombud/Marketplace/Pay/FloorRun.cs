using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;
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
    public const string Daily = "daily";

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
        await timers.ScheduleAsync(Kind, Daily, NextRun(now, options.Value.FloorHourUtc), ct);
        return added > 0;
    }

    /// <summary>The next time the clock shows <paramref name="hourUtc"/>, strictly after <paramref name="now"/>.</summary>
    public static DateTime NextRun(DateTime now, int hourUtc)
    {
        var today = now.Date.AddHours(hourUtc);
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>Sets the daily timer if no node has yet (first start); one already set is left where it is.</summary>
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var hour = services.GetRequiredService<IOptions<PayOptions>>().Value.FloorHourUtc;
        await services.GetRequiredService<UnitOfWork>().RunAsync(async token =>
        {
            if (!await db.Set<DurableTimer>().AnyAsync(t => t.Kind == Kind && t.EntityId == Daily, token))
            {
                await services.GetRequiredService<TimerSchedule>().ScheduleAsync(Kind, Daily, NextRun(now, hour), token);
            }
        }, ct, "The hourly floor's timer");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hourly floor: {Added} agents topped up")]
    private static partial void LogRan(ILogger logger, int added);
}

/// <summary>Sets the floor's daily timer on start; a node that cannot (the database hiccupped) serves anyway and the next start sets it.</summary>
internal sealed partial class FloorRunStart(IServiceScopeFactory scopes, ILogger<FloorRunStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await FloorRun.EnsureAsync(scope.ServiceProvider, cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotSet(logger, failure);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the hourly floor's timer at start; the next start tries again")]
    private static partial void LogNotSet(ILogger logger, Exception failure);
}

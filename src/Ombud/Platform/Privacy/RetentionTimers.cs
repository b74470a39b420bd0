using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Privacy;

/// <summary>
/// Sets each retention rule's durable timer when a serving node starts and finds none (the first start, a new rule);
/// from then on each firing sets the next. Two nodes starting together may both try: the timer's key lets one win.
/// </summary>
internal sealed partial class RetentionTimers(IServiceScopeFactory scopes, ILogger<RetentionTimers> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await EnsureAsync(scope.ServiceProvider, cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            // A node that cannot set them now (the database hiccupped) serves anyway; the next start sets them.
            LogNotSet(logger, failure);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Schedules the first firing of every rule that has no timer, <see cref="PrivacyOptions.SweepHours"/> from now.</summary>
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var names = services.GetServices<IRetentionRule>().Select(r => r.Name).ToList();
        var clock = services.GetRequiredService<TimeProvider>();
        var hours = Math.Max(1, services.GetRequiredService<IOptions<PrivacyOptions>>().Value.SweepHours);
        await services.GetRequiredService<UnitOfWork>().RunAsync(async token =>
        {
            var set = await db.Set<DurableTimer>().Where(t => t.Kind == RetentionTimer.Kind).Select(t => t.EntityId).ToListAsync(token);
            foreach (var name in names.Except(set))
            {
                await services.GetRequiredService<TimerSchedule>().ScheduleAsync(RetentionTimer.Kind, name, clock.GetUtcNow().UtcDateTime.AddHours(hours), token);
            }
        }, ct, "The retention timers");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the retention timers at start; the next start tries again")]
    private static partial void LogNotSet(ILogger logger, Exception failure);
}

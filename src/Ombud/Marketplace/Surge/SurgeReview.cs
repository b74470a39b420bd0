using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Marketplace.Surge;

/// <summary>
/// The surge level's review, a durable timer that sets itself again every <see cref="SurgeOptions.ReviewSeconds"/>: on
/// any one node at a time, and it survives restarts.
/// </summary>
internal sealed class SurgeReview(SurgeBoard board, TimerSchedule timers, IOptions<SurgeOptions> options, TimeProvider clock) : ITimerHandler
{
    public const string Kind = "marketplace.surge-review";
    public const string EntityId = "surge";

    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        await board.ReviewAsync(ct);
        await timers.ScheduleAsync(Kind, EntityId, clock.GetUtcNow().UtcDateTime.AddSeconds(options.Value.ReviewSeconds), ct);
        return true;
    }
}

/// <summary>Sets the review's timer when the host starts, if no node has; a node that cannot serves anyway and the next start sets it.</summary>
internal sealed partial class SurgeReviewStart(IServiceScopeFactory scopes, ILogger<SurgeReviewStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<OmbudDb>();
            await services.GetRequiredService<UnitOfWork>().RunAsync(async ct =>
            {
                if (!await db.Set<DurableTimer>().AnyAsync(t => t.Kind == SurgeReview.Kind && t.EntityId == SurgeReview.EntityId, ct))
                {
                    var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                    await services.GetRequiredService<TimerSchedule>().ScheduleAsync(SurgeReview.Kind, SurgeReview.EntityId, now, ct);
                }
            }, cancellationToken, "The surge review");
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotSet(logger, failure);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the surge review's timer at start; the next start tries again")]
    private static partial void LogNotSet(ILogger logger, Exception failure);
}

using Microsoft.Extensions.DependencyInjection;
using Ombud.Disputes.Timers;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Timers;

/// <summary>What the timer tests do besides the disputes desk: one tick of the timers, as the background loop runs it.</summary>
internal static class TimerDesk
{
    public static Task<IReadOnlyDictionary<DisputeTimer, int>> TickAsync(this OmbudTestApp app) =>
        app.Services.GetRequiredService<DisputeTimers>().FireDueAsync(default);

    /// <summary>Moves the clock to just before <paramref name="deadline"/>.</summary>
    public static void AdvanceToJustBefore(this OmbudTestApp app, DateTime deadline) =>
        app.Clock.Advance(deadline - app.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(1));

    public static async Task<DeadlineWatchReport> WatchAsync(this OmbudTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DisputeDeadlineWatch>().ReadAsync(10, default);
    }
}

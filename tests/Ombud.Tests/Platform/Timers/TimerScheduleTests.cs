using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Timers;

/// <summary>Setting a timer is an upsert: two schedulers setting the same timer at once both succeed, and the later one's time stands.</summary>
public sealed class TimerScheduleTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Two_schedulers_setting_the_same_timer_at_once_both_succeed_and_the_later_time_stands(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (first, second) = (now.AddHours(1), now.AddHours(2));
        var firstHasSet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondIsSetting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first scheduler sets the timer and holds its transaction open until the second is setting the same one,
        // so neither has seen the other's row when it decides to insert.
        var firstRun = SetAsync(app, first, async () =>
        {
            firstHasSet.SetResult();
            await secondIsSetting.Task;
        });
        await firstHasSet.Task;
        secondIsSetting.SetResult();
        var secondRun = SetAsync(app, second, () => Task.CompletedTask);

        Assert.True((await firstRun).Succeeded);
        Assert.True((await secondRun).Succeeded);
        var stored = await app.WithDbAsync(db => db.Set<DurableTimer>().AsNoTracking().Where(t => t.Kind == "test.race").ToListAsync());
        var timer = Assert.Single(stored);
        Assert.Equal(second, timer.FireAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(WorkStatus.Pending, timer.Status);
    }

    private static async Task<Ombud.Platform.Outcome<bool>> SetAsync(OmbudTestApp app, DateTime at, Func<Task> beforeCommit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var schedule = scope.ServiceProvider.GetRequiredService<TimerSchedule>();
        return await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(async ct =>
        {
            await schedule.ScheduleAsync("test.race", "entity-1", at, ct);
            await beforeCommit();
        }, default);
    }
}

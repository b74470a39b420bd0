using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Events;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Events;

/// <summary>
/// A commit wakes a background loop only when it queued that loop's work due now: an event with subscribers wakes the
/// event loop, a timer due at once the timer loop; a timer set for later, an event nobody wants, a claim and a handled
/// delivery wake nobody (each wake-up that finds nothing costs an idle query).
/// </summary>
public sealed class LoopWakeTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Only_work_due_now_wakes_and_only_the_loop_of_its_kind(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Ombud:Events:Probe:Enabled"] = "true",
            ["Ombud:Events:Probe:EventTypes:0"] = "test.happened",
        });
        var woken = new List<Type>();
        var signal = app.Services.GetRequiredService<CommitSignal>();
        signal.Queued += kind =>
        {
            lock (woken)
            {
                woken.Add(kind);
            }
        };

        async Task<Type[]> WokenByAsync(Func<IServiceProvider, Task> work)
        {
            lock (woken)
            {
                woken.Clear();
            }

            await using var scope = app.Services.CreateAsyncScope();
            var done = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(_ => work(scope.ServiceProvider), default);
            Assert.True(done.Succeeded);
            lock (woken)
            {
                return [.. woken];
            }
        }

        var now = app.Clock.GetUtcNow().UtcDateTime;
        var published = await WokenByAsync(s =>
        {
            s.GetRequiredService<DomainEvents>().Publish("test.happened", new { n = 1 });
            return Task.CompletedTask;
        });
        var unwanted = await WokenByAsync(s =>
        {
            s.GetRequiredService<DomainEvents>().Publish("test.ignored", new { n = 2 });
            return Task.CompletedTask;
        });
        var later = await WokenByAsync(s => s.GetRequiredService<TimerSchedule>().ScheduleAsync("test.later", "entity-1", now.AddHours(1), default));
        var dueNow = await WokenByAsync(s => s.GetRequiredService<TimerSchedule>().ScheduleAsync("test.now", "entity-2", now, default));
        woken.Clear();
        var handled = await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(null, default);

        Assert.Equal([typeof(EventDelivery)], published);
        Assert.Empty(unwanted);
        Assert.Empty(later);
        Assert.Equal([typeof(DurableTimer)], dueNow);
        Assert.Equal(1, handled);
        // The claim pushed the delivery to the end of its lease and the handler marked it done: neither is work due now.
        Assert.Empty(woken);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ombud.Disputes.Timers;
using Ombud.Platform.Events;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Timers;

public sealed class DisputeTimerHostingTests
{
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Only_a_serving_node_runs_the_timer_loop_and_the_event_dispatcher_never_a_one_shot_verb(bool isCommand, bool runsLoop)
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        await using var host = OmbudHost.Build(new HostSettings([], null, isCommand, new Dictionary<string, string?>
        {
            ["Ombud:Database:Provider"] = database.ProviderName,
            ["Ombud:Database:ConnectionString"] = database.ConnectionString,
        }));

        var hosted = host.Services.GetServices<IHostedService>().ToList();

        Assert.Equal(runsLoop, hosted.OfType<TimerLoop>().Any());
        Assert.Equal(runsLoop, hosted.OfType<EventDispatcher>().Any());
        // Either way the timers' services exist, for dashboards and tests.
        Assert.NotNull(host.Services.GetService<DisputeTimers>());
    }
}

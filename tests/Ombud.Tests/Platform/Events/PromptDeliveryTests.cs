using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Events;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Events;

/// <summary>
/// A subscriber whose work a person waits on commits each delivery alone: the second event's handler already sees the
/// first's effect committed, where a batched subscriber's deliveries all commit together at the end of the batch.
/// </summary>
public sealed class PromptDeliveryTests
{
    private const string Happened = "test.happened";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Deliveries_of_a_subscriber_that_commits_alone_are_each_committed_before_the_next_is_handled(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, builder =>
        {
            builder.Services.AddSingleton<CommitWatch.Sightings>();
            builder.Services.AddEventSubscriber<AloneWatch>(AloneWatch.Subscriber, WorkCommit.Alone, Happened);
            builder.Services.AddEventSubscriber<BatchedWatch>(BatchedWatch.Subscriber, Happened);
        }, new Dictionary<string, string?> { ["Ombud:Events:Parallelism"] = "1" });
        await TestEvents.PublishAsync(app, Happened, 4);

        var dispatch = app.Services.GetRequiredService<EventDispatch>();
        var alone = await dispatch.RunOnceAsync(AloneWatch.Subscriber, default);
        var batched = await dispatch.RunOnceAsync(BatchedWatch.Subscriber, default);

        var sightings = app.Services.GetRequiredService<CommitWatch.Sightings>();
        Assert.Equal((4, 4), (alone, batched));
        Assert.Equal([0, 1, 2, 3], sightings.Of(AloneWatch.Subscriber));
        Assert.Equal([0, 0, 0, 0], sightings.Of(BatchedWatch.Subscriber));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EventDelivery>().CountAsync(d => d.Status != WorkStatus.Done)));
    }

    [Fact]
    public void An_event_subscriber_cannot_be_told_to_run_outside_a_transaction()
    {
        var services = new ServiceCollection();

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddEventSubscriber<AloneWatch>("test.outside", WorkCommit.Outside, Happened));

        Assert.Contains("cannot run outside a transaction", refused.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }
}

/// <summary>
/// Notes, per event, how many of its own earlier effects another connection sees committed, then stages its own: an
/// <see cref="EventProbeRecord"/> under its subscriber's name.
/// </summary>
public abstract class CommitWatch(string subscriber, OmbudDb db, IServiceScopeFactory scopes, CommitWatch.Sightings sightings, TimeProvider clock)
    : IEventHandler
{
    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var committed = await scope.ServiceProvider.GetRequiredService<OmbudDb>().Set<EventProbeRecord>().CountAsync(r => r.Subscriber == subscriber, ct);
            sightings.Add(subscriber, committed);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new EventProbeRecord(Guid.CreateVersion7(now), message.Id, subscriber, "test", now));
    }

    public sealed class Sightings
    {
        private readonly List<(string Subscriber, int Committed)> _all = [];

        public void Add(string subscriber, int committed)
        {
            lock (_all)
            {
                _all.Add((subscriber, committed));
            }
        }

        public int[] Of(string subscriber)
        {
            lock (_all)
            {
                return [.. _all.Where(s => s.Subscriber == subscriber).Select(s => s.Committed)];
            }
        }
    }
}

public sealed class AloneWatch(OmbudDb db, IServiceScopeFactory scopes, CommitWatch.Sightings sightings, TimeProvider clock)
    : CommitWatch(Subscriber, db, scopes, sightings, clock)
{
    public const string Subscriber = "test.alone";
}

public sealed class BatchedWatch(OmbudDb db, IServiceScopeFactory scopes, CommitWatch.Sightings sightings, TimeProvider clock)
    : CommitWatch(Subscriber, db, scopes, sightings, clock)
{
    public const string Subscriber = "test.batched";
}

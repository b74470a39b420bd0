using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Events;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Events;

/// <summary>
/// A subscriber that publishes events of its own: what it published commits with its delivery or not at all, also when
/// another delivery of the same batch fails, and the pass goes on to deliver the new events at once.
/// </summary>
public sealed class EventChainTests
{
    private const string Happened = "test.happened";
    private const string Followed = "test.followed";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Events_a_failing_delivery_published_are_rolled_back_with_it_and_the_others_are_delivered_in_the_same_pass(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, builder =>
        {
            builder.Services.AddEventSubscriber<Relay>(Relay.Subscriber, Happened);
            builder.Services.AddEventSubscriber<EventProbe>(EventProbe.Subscriber, Followed);
        }, new Dictionary<string, string?> { ["Ombud:Events:Parallelism"] = "1" });
        await TestEvents.PublishAsync(app, Happened, 4);

        var handled = await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(null, default);

        // Two relays went through and two failed (after publishing); the two events relayed were delivered in the same pass.
        Assert.Equal(4, handled);
        var followed = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == Followed).Select(m => m.Payload).ToListAsync());
        Assert.Equal(["{\"n\":0}", "{\"n\":2}"], followed.Order());
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<EventProbeRecord>().CountAsync(r => r.Subscriber == EventProbe.Subscriber)));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<EventDelivery>().CountAsync(d => d.EventType == Followed && d.Status == WorkStatus.Done)));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<EventDelivery>()
            .CountAsync(d => d.Subscriber == Relay.Subscriber && d.Status == WorkStatus.Pending && d.Attempts == 1)));
    }

    public sealed record Numbered(int N);

    /// <summary>Publishes a follow-on event for each event it gets, then refuses the odd ones.</summary>
    public sealed class Relay(DomainEvents events) : IEventHandler
    {
        public const string Subscriber = "test.relay";

        public Task HandleAsync(EventMessage message, CancellationToken ct)
        {
            var numbered = message.Read<Numbered>();
            events.Publish(Followed, numbered);
            return numbered.N % 2 == 0 ? Task.CompletedTask : throw new InvalidOperationException($"Event {numbered.N} is odd.");
        }
    }
}

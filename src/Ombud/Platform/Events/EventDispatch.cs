using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Events;

/// <summary>
/// Hands due events to their subscribers: each delivery in a unit of work with what its handler stages, so a
/// subscriber's effect and its progress commit together (once in effect, also when two nodes race or one dies). A
/// batch of deliveries shares a unit of work, except a subscriber's that commit alone (<see cref="EventSubscription.Commit"/>).
/// </summary>
public sealed class EventDispatch(IServiceScopeFactory scopes, EventSubscriptions subscriptions, IOptions<EventOptions> options, TimeProvider clock, CommitSignal commits,
    ILogger<EventDispatch> logger)
{
    private readonly WorkPass<EventDelivery> _pass = new(scopes, clock, options.Value, commits, logger);

    /// <summary>Handles everything due now, for every subscriber or only <paramref name="subscriber"/>; returns how many were handled.</summary>
    public async Task<int> RunOnceAsync(string? subscriber, CancellationToken ct)
    {
        var results = await _pass.RunAsync(subscriber is null ? null : d => d.Subscriber == subscriber, d => [d.EventId, d.Subscriber],
            d => subscriptions.Named(d.Subscriber)?.Commit ?? WorkCommit.Batched, HandleAsync, ct);
        return results.Count(r => r.Done);
    }

    private async Task<bool> HandleAsync(IServiceProvider services, EventDelivery delivery, CancellationToken ct)
    {
        var subscription = subscriptions.Named(delivery.Subscriber)
                           ?? throw new InvalidOperationException($"No subscriber named '{delivery.Subscriber}' runs on this node.");
        var db = services.GetRequiredService<OmbudDb>();
        var e = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == delivery.EventId, ct);
        var handler = (IEventHandler)services.GetRequiredService(subscription.Handler);
        await handler.HandleAsync(new EventMessage(e.Id, e.Type, e.Version, e.OccurredAt, e.Payload), ct);
        delivery.Handled(clock.GetUtcNow().UtcDateTime);
        return true;
    }
}

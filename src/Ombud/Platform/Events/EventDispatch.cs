using System.Collections.Concurrent;
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
/// <remarks>
/// What a delivery costs the database: its share of one claim (<see cref="QueuedWork.ClaimAsync{T}"/>), its share of one
/// read of the claim's events, and its done-mark, saved with its handler's changes. Only a claim changes a pending
/// delivery, so a delivery within its lease is not read again: the done-mark's lease check is what refuses a claim
/// another node took over.
/// </remarks>
public sealed class EventDispatch(IServiceScopeFactory scopes, EventSubscriptions subscriptions, IOptions<EventOptions> options, TimeProvider clock, CommitSignal commits,
    ILogger<EventDispatch> logger)
{
    private readonly WorkPass<EventDelivery> _pass = new(scopes, clock, options.Value, commits, logger,
        new WorkRules<EventDelivery>(d => [d.EventId, d.Subscriber], d => subscriptions.Named(d.Subscriber)?.Commit ?? WorkCommit.Batched,
            // As published: by time, then by id (a unit of work's events take ids in the order it published them).
            Comparer<EventDelivery>.Create((a, b) => (a.CreatedAt, a.EventId, a.Subscriber).CompareTo((b.CreatedAt, b.EventId, b.Subscriber))))
        {
            OnlyClaimsChangePending = true,
            Name = d => d.Subscriber,
        });

    /// <summary>Handles everything due now, for every subscriber or only <paramref name="subscriber"/>; returns how many were handled.</summary>
    public Task<int> RunOnceAsync(string? subscriber, CancellationToken ct) => RunOnceAsync(subscriber, look: true, ct);

    /// <param name="look">False when a commit of this node just queued deliveries: the pass claims without looking first.</param>
    internal async Task<int> RunOnceAsync(string? subscriber, bool look, CancellationToken ct)
    {
        // The claims' events, read once per claim for all its deliveries; the pass's own, so it ends with the pass.
        var events = new ConcurrentDictionary<Guid, EventMessage>();
        var results = await _pass.RunAsync(subscriber is null ? null : new WorkFilter(nameof(EventDelivery.Subscriber), [subscriber]),
            (services, delivery, token) => HandleAsync(services, delivery, events, token), look, ct,
            onClaimed: (services, claimed, token) => ReadEventsAsync(services, claimed, events, token),
            readFirst: (services, delivery, token) => ReadFirstAsync(services, delivery, events, token));
        return results.Count(r => r.Done);
    }

    private static async Task ReadEventsAsync(IServiceProvider services, IReadOnlyList<EventDelivery> claimed, ConcurrentDictionary<Guid, EventMessage> events,
        CancellationToken ct)
    {
        var ids = claimed.Select(d => d.EventId).Where(id => !events.ContainsKey(id)).Distinct().ToList();
        foreach (var e in await services.GetRequiredService<OmbudDb>().Set<OutboxMessage>().AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(ct))
        {
            events[e.Id] = Message(e);
        }
    }

    private async Task<bool> HandleAsync(IServiceProvider services, EventDelivery delivery, ConcurrentDictionary<Guid, EventMessage> events, CancellationToken ct)
    {
        var handler = Handler(services, delivery);
        await handler.HandleAsync(await MessageAsync(services, delivery, events, ct), ct);
        delivery.Handled(clock.GetUtcNow().UtcDateTime);
        return true;
    }

    /// <summary>A handler's read step, before its delivery's unit of work; the same scoped handler then handles the event in it.</summary>
    private async Task ReadFirstAsync(IServiceProvider services, EventDelivery delivery, ConcurrentDictionary<Guid, EventMessage> events, CancellationToken ct)
    {
        if (Handler(services, delivery) is IEventHandlerWithReadStep reader)
        {
            await reader.ReadAsync(await MessageAsync(services, delivery, events, ct), ct);
        }
    }

    private IEventHandler Handler(IServiceProvider services, EventDelivery delivery)
    {
        var subscription = subscriptions.Named(delivery.Subscriber)
                           ?? throw new InvalidOperationException($"No subscriber named '{delivery.Subscriber}' runs on this node.");
        return (IEventHandler)services.GetRequiredService(subscription.Handler);
    }

    /// <summary>Read with the claim; one that the claim's read did not find is read (or found missing) here, as it always was.</summary>
    private static async Task<EventMessage> MessageAsync(IServiceProvider services, EventDelivery delivery, ConcurrentDictionary<Guid, EventMessage> events,
        CancellationToken ct) =>
        events.TryGetValue(delivery.EventId, out var read)
            ? read
            : Message(await services.GetRequiredService<OmbudDb>().Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == delivery.EventId, ct));

    private static EventMessage Message(OutboxMessage e) => new(e.Id, e.Type, e.Version, e.OccurredAt, e.Payload);
}

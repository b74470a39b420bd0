using Microsoft.Extensions.DependencyInjection.Extensions;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Events;

/// <summary>
/// One subscriber: a name that is its progress (keep it stable), the event types it wants, its handler, and optionally
/// which events of those types it takes (<see cref="Takes"/>, asked of the payload when the event is published), and
/// whether each delivery commits alone (<see cref="WorkCommit.Alone"/>) or in a batch with others.
/// </summary>
public sealed record EventSubscription(string Name, IReadOnlyList<string> EventTypes, Type Handler, Func<object, bool>? Takes = null,
    WorkCommit Commit = WorkCommit.Batched)
{
    public bool Wants(string eventType) => EventTypes.Contains(eventType, StringComparer.Ordinal);

    /// <summary>Whether an event of a type it wants, with this payload, gets a delivery for this subscriber.</summary>
    public bool Wants(string eventType, object? payload) => Wants(eventType) && (Takes is null || payload is null || Takes(payload));
}

/// <summary>Every subscriber of this host, by name and by the event types they want.</summary>
public sealed class EventSubscriptions(IEnumerable<EventSubscription> subscriptions)
{
    private readonly IReadOnlyList<EventSubscription> _all = Merged(subscriptions);

    public IReadOnlyList<EventSubscription> All => _all;

    public IEnumerable<EventSubscription> For(string eventType) => _all.Where(s => s.Wants(eventType));

    /// <summary>The subscribers that get a delivery of this event: those that want its type and take its payload.</summary>
    public IEnumerable<EventSubscription> For(string eventType, object? payload) => _all.Where(s => s.Wants(eventType, payload));

    public EventSubscription? Named(string name) => _all.FirstOrDefault(s => s.Name == name);

    /// <summary>One subscriber registered in parts (webhooks: one part per module's source) is one subscriber with all their types.</summary>
    private static List<EventSubscription> Merged(IEnumerable<EventSubscription> all) =>
        [.. all.GroupBy(s => s.Name).Select(g => g.Count() == 1
            ? g.Single()
            : g.Select(s => s.Handler).Distinct().Count() == 1 && g.All(s => s.Takes is null) && g.Select(s => s.Commit).Distinct().Count() == 1
                ? new EventSubscription(g.Key, [.. g.SelectMany(s => s.EventTypes).Distinct()], g.First().Handler, Commit: g.First().Commit)
                : throw new InvalidOperationException($"Two different event subscribers are named '{g.Key}' (or one registered in parts takes only some events, or commits some alone)."))];
}

public static class EventSubscriptionSetup
{
    /// <summary>
    /// The one way to subscribe: <c>services.AddEventSubscriber&lt;FraudScoring&gt;("fraud.scoring", OrderPlaced.Type)</c>.
    /// From then on every event of those types gets a delivery for this subscriber, written with the event.
    /// </summary>
    public static IServiceCollection AddEventSubscriber<THandler>(this IServiceCollection services, string name, params string[] eventTypes)
        where THandler : class, IEventHandler =>
        services.AddEventSubscriber<THandler>(name, WorkCommit.Batched, eventTypes);

    /// <summary>
    /// Subscribes with a say in how each delivery commits: <see cref="WorkCommit.Alone"/> for a subscriber whose work a
    /// person waits on (a hand-off's offer pushed to an agent), so it commits, and is told, without waiting for up to
    /// <see cref="EventOptions.BatchSize"/> other deliveries. A delivery always commits with its handler's effect, so
    /// <see cref="WorkCommit.Outside"/> is refused.
    /// </summary>
    public static IServiceCollection AddEventSubscriber<THandler>(this IServiceCollection services, string name, WorkCommit commit, params string[] eventTypes)
        where THandler : class, IEventHandler
    {
        if (commit == WorkCommit.Outside)
        {
            throw new ArgumentOutOfRangeException(nameof(commit), commit, $"Event subscriber '{name}': a delivery commits with its handler's effect, so it cannot run outside a transaction.");
        }

        services.TryAddScoped<THandler>();
        return services.AddSingleton(new EventSubscription(name, eventTypes, typeof(THandler), Commit: commit));
    }

    /// <summary>
    /// Subscribes to one event type, taking only the events whose payload passes <paramref name="takes"/>: the others
    /// get no delivery at all, so a subscriber that acts on a few events of a frequent type (a case for a review
    /// decision among every order's decision) costs the rest nothing. <paramref name="takes"/> runs in the publisher's
    /// unit of work on the payload as published: keep it cheap and pure. A replayed delivery reaches the handler
    /// whatever it says, so the handler still checks.
    /// </summary>
    public static IServiceCollection AddEventSubscriber<THandler, TPayload>(this IServiceCollection services, string name, string eventType,
        Func<TPayload, bool> takes)
        where THandler : class, IEventHandler
    {
        services.TryAddScoped<THandler>();
        return services.AddSingleton(new EventSubscription(name, [eventType], typeof(THandler), payload => payload is not TPayload typed || takes(typed)));
    }
}

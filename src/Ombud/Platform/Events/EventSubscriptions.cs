using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ombud.Platform.Events;

/// <summary>
/// One subscriber: a name that is its progress (keep it stable), the event types it wants, its handler, and optionally
/// which events of those types it takes (<see cref="Takes"/>, asked of the payload when the event is published).
/// </summary>
public sealed record EventSubscription(string Name, IReadOnlyList<string> EventTypes, Type Handler, Func<object, bool>? Takes = null)
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
            : g.Select(s => s.Handler).Distinct().Count() == 1 && g.All(s => s.Takes is null)
                ? new EventSubscription(g.Key, [.. g.SelectMany(s => s.EventTypes).Distinct()], g.First().Handler)
                : throw new InvalidOperationException($"Two different event subscribers are named '{g.Key}' (or one registered in parts takes only some events)."))];
}

public static class EventSubscriptionSetup
{
    /// <summary>
    /// The one way to subscribe: <c>services.AddEventSubscriber&lt;FraudScoring&gt;("fraud.scoring", OrderPlaced.Type)</c>.
    /// From then on every event of those types gets a delivery for this subscriber, written with the event.
    /// </summary>
    public static IServiceCollection AddEventSubscriber<THandler>(this IServiceCollection services, string name, params string[] eventTypes)
        where THandler : class, IEventHandler
    {
        services.TryAddScoped<THandler>();
        return services.AddSingleton(new EventSubscription(name, eventTypes, typeof(THandler)));
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

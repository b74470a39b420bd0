using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ombud.Platform.Events;

/// <summary>One subscriber: a name that is its progress (keep it stable), the event types it wants, its handler.</summary>
public sealed record EventSubscription(string Name, IReadOnlyList<string> EventTypes, Type Handler)
{
    public bool Wants(string eventType) => EventTypes.Contains(eventType, StringComparer.Ordinal);
}

/// <summary>Every subscriber of this host, by name and by the event types they want.</summary>
public sealed class EventSubscriptions(IEnumerable<EventSubscription> subscriptions)
{
    private readonly IReadOnlyList<EventSubscription> _all = Merged(subscriptions);

    public IReadOnlyList<EventSubscription> All => _all;

    public IEnumerable<EventSubscription> For(string eventType) => _all.Where(s => s.Wants(eventType));

    public EventSubscription? Named(string name) => _all.FirstOrDefault(s => s.Name == name);

    /// <summary>One subscriber registered in parts (webhooks: one part per module's source) is one subscriber with all their types.</summary>
    private static List<EventSubscription> Merged(IEnumerable<EventSubscription> all) =>
        [.. all.GroupBy(s => s.Name).Select(g => g.Select(s => s.Handler).Distinct().Count() == 1
            ? new EventSubscription(g.Key, [.. g.SelectMany(s => s.EventTypes).Distinct()], g.First().Handler)
            : throw new InvalidOperationException($"Two different event subscribers are named '{g.Key}'."))];
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
}

using Ombud.Platform.Storage;

namespace Ombud.Platform.Events;

/// <summary>
/// One event on its way to one subscriber: the subscriber's own progress. Written in the same transaction as the
/// event, so an event committed is an event every subscriber of the moment will handle; marked done in the same
/// transaction as what the subscriber did about it, so it is handled once in effect.
/// </summary>
public sealed class EventDelivery : QueuedWorkItem
{
    private EventDelivery()
    {
    }

    internal EventDelivery(Guid eventId, string subscriber, string eventType, DateTime dueAt)
    {
        EventId = eventId;
        Subscriber = subscriber;
        EventType = eventType;
        CreatedAt = dueAt;
        DueAt = dueAt;
        Status = WorkStatus.Pending;
    }

    public Guid EventId { get; private set; }

    public string Subscriber { get; private set; } = "";

    public string EventType { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime? HandledAt { get; private set; }

    public void Handled(DateTime at)
    {
        Status = WorkStatus.Done;
        HandledAt = at;
        Attempts++;
    }
}

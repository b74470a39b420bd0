namespace Ombud.Platform.Outbox;

/// <summary>
/// A domain event, written in the same transaction as the change that raised it, so an event is stored if and only if
/// its change is. Platform knows only the event's type name, its contract version and its JSON; each subscriber's
/// progress is its own <see cref="Events.EventDelivery"/>.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    internal OutboxMessage(Guid id, string type, int version, string payload, DateTime occurredAt)
    {
        Id = id;
        Type = type;
        Version = version;
        Payload = payload;
        OccurredAt = occurredAt;
    }

    public Guid Id { get; private set; }

    /// <summary>A dotted, past-tense name owned by the raising module, e.g. <c>dispute.unauthorised-reported</c>.</summary>
    public string Type { get; private set; } = "";

    /// <summary>The version of the payload's contract record.</summary>
    public int Version { get; private set; }

    public string Payload { get; private set; } = "";

    /// <summary>Erasure: the payload with a customer's personal fields taken out (<see cref="Privacy.PersonalFields"/>).</summary>
    internal void Rewrite(string payload) => Payload = payload;

    public DateTime OccurredAt { get; private set; }
}

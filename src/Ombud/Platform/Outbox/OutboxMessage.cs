namespace Ombud.Platform.Outbox;

/// <summary>
/// A domain event waiting for its consumers, written in the same transaction as the change that raised it, so an
/// event is stored if and only if its change is. Platform knows only the event's type name and its JSON.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    internal OutboxMessage(Guid id, string type, string payload, DateTime occurredAt)
    {
        Id = id;
        Type = type;
        Payload = payload;
        OccurredAt = occurredAt;
    }

    public Guid Id { get; private set; }

    /// <summary>A dotted, past-tense name owned by the raising module, e.g. <c>dispute.unauthorised-reported</c>.</summary>
    public string Type { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTime OccurredAt { get; private set; }

    /// <summary>Null until a consumer has handled the event.</summary>
    public DateTime? ProcessedAt { get; private set; }

    public void MarkProcessed(DateTime at) => ProcessedAt ??= at;
}

using System.Text.Json;

namespace Ombud.Platform.Events;

/// <summary>One event as a subscriber receives it: its id (the key to stay idempotent by), type, version and payload.</summary>
public sealed record EventMessage(Guid Id, string Type, int Version, DateTime OccurredAt, string Payload)
{
    /// <summary>The payload as the publishing module's contract record.</summary>
    public T Read<T>() => JsonSerializer.Deserialize<T>(Payload, EventJson.Options)
                          ?? throw new JsonException($"Event {Id} ({Type}) has an empty payload.");
}

/// <summary>How payloads are written and read: web defaults, enums by name (they go out as webhooks too).</summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>
/// A module's reaction to events of other modules. It runs inside a unit of work with the event's delivery, so what
/// it stages commits exactly when the event is marked handled for it; it runs at least once, so it stays idempotent
/// by <see cref="EventMessage.Id"/> for anything outside the database. A thrown exception retries with backoff.
/// </summary>
public interface IEventHandler
{
    Task HandleAsync(EventMessage message, CancellationToken ct);
}

/// <summary>
/// A handler with a read step: <see cref="ReadAsync"/> runs before its delivery's unit of work opens, with no
/// transaction and (on SQLite) outside the node's write gate, so what it only reads does not keep every other writer
/// of the node waiting. The same scoped instance then handles the message in the unit of work, where it checks what
/// it read against the rows it writes (another writer may have changed them in between). Only subscribers whose
/// deliveries commit alone (<see cref="Storage.WorkCommit.Alone"/>) get the step; a read step that throws is logged
/// and skipped, and the handler then reads everything in the unit of work as it would without the step.
/// </summary>
public interface IEventHandlerWithReadStep : IEventHandler
{
    Task ReadAsync(EventMessage message, CancellationToken ct);
}

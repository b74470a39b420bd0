using System.Text.Json;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Outbox;

/// <summary>
/// The one way to publish a domain event. Like <see cref="Audit.AuditLog"/>, the event joins the caller's unit of
/// work: it is committed by the caller's SaveChanges, with the change it describes, or not at all.
/// </summary>
public sealed class DomainEvents(OmbudDb db, TimeProvider clock)
{
    // Enums by name, as the API writes them: payloads go out as webhooks and must not depend on member order.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private int _published;

    public OutboxMessage Publish<T>(string type, T payload)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A version 7 id orders by its millisecond only; events of one unit of work made in one millisecond would
        // sort at random. Each later event of this unit of work takes its id a millisecond on, so ids follow the
        // order of publication (consumers read by time, then id) while the event's own time stays true.
        var id = Guid.CreateVersion7(now.AddMilliseconds(_published++));
        var message = new OutboxMessage(id, type, JsonSerializer.Serialize(payload, Json), now);
        db.Set<OutboxMessage>().Add(message);
        return message;
    }
}

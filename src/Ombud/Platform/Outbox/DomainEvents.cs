using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Outbox;

/// <summary>
/// The one way to publish a domain event. Like <see cref="Audit.AuditLog"/>, the event joins the caller's unit of
/// work: it is committed with the change it describes, or not at all, together with one delivery per subscriber that
/// wants its type and takes its payload (<see cref="EventSubscriptions"/>). The publisher never learns who listens. When the change was
/// staged as rows (<see cref="StagedRows"/>, the lean ingestion path), the event and its deliveries are staged there
/// too, so they travel in the change's own round trip. On SQLite, inside a unit of work (a work pass's too), they are
/// always staged: there is no round trip to save there, but each row EF Core saves is a command of its own with
/// the tracking around it, where staged rows are one prepared statement per table, stepped once per row. Outside one
/// (a caller that saves by itself, in a transaction of its own or none) EF keeps them: staged rows are only ever
/// written by a unit of work.
/// </summary>
public sealed class DomainEvents(OmbudDb db, TimeProvider clock, EventSubscriptions subscriptions, StagedRows staged)
{
    private static readonly RowTable Outbox = new("platform_outbox",
        RowColumn.Id("Id"), RowColumn.Text("Type"), RowColumn.Number("Version"), RowColumn.Text("Payload"), RowColumn.Instant("OccurredAt"));

    private static readonly RowTable Deliveries = new("platform_event_deliveries",
        RowColumn.Id("EventId"), RowColumn.Text("Subscriber"), RowColumn.Text("EventType"), RowColumn.Instant("CreatedAt"),
        RowColumn.Instant("DueAt"), RowColumn.Text("Status"), RowColumn.Number("Lease"), RowColumn.Number("Attempts"));

    private int _published;

    /// <param name="type">A dotted, past-tense name owned by the raising module, e.g. <c>order.placed</c>.</param>
    /// <param name="version">The payload's contract version; a subscriber reads the versions it knows.</param>
    public OutboxMessage Publish<T>(string type, T payload, int version = 1)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A version 7 id orders by its millisecond only; events of one unit of work made in one millisecond would
        // sort at random. Each later event of this unit of work takes its id a millisecond on, so ids follow the
        // order of publication (consumers read by time, then id) while the event's own time stays true.
        var id = Guid.CreateVersion7(now.AddMilliseconds(_published++));
        var message = new OutboxMessage(id, type, version, JsonSerializer.Serialize(payload, EventJson.Options), now);
        var deliveries = subscriptions.For(type, payload).Select(s => new EventDelivery(id, s.Name, type, now));
        if (staged.IsEmpty && !(staged.WillBeWritten && db.Database.IsSqlite()))
        {
            db.Set<OutboxMessage>().Add(message);
            db.Set<EventDelivery>().AddRange(deliveries);
            return message;
        }

        staged.Add(Outbox, message.Id, message.Type, message.Version, message.Payload, message.OccurredAt);
        foreach (var d in deliveries)
        {
            staged.AddQueuedWork<EventDelivery>(Deliveries, d.EventId, d.Subscriber, d.EventType, d.CreatedAt, d.DueAt, d.Status.ToString(), d.Lease, d.Attempts);
        }

        return message;
    }
}

using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Events;

/// <summary>
/// Work that failed every attempt: event deliveries a subscriber could not handle and timers whose handler kept
/// failing. An admin reads why and replays them once the cause is fixed; each replay is audited.
/// </summary>
public sealed class DeadLetters(OmbudDb db, UnitOfWork unitOfWork, AuditLog audit, TimeProvider clock)
{
    public const int MaxList = 500;

    public async Task<DeadLetterList> ListAsync(string? subscriber, CancellationToken ct)
    {
        var events = db.Set<EventDelivery>().AsNoTracking().Where(d => d.Status == WorkStatus.Dead);
        if (subscriber is not null)
        {
            events = events.Where(d => d.Subscriber == subscriber);
        }

        var deadEvents = await events.OrderBy(d => d.CreatedAt).ThenBy(d => d.EventId).Take(MaxList)
            .Select(d => new DeadEvent(d.EventId, d.Subscriber, d.EventType, d.CreatedAt, d.Attempts, d.LastError))
            .ToListAsync(ct);
        var deadTimers = await db.Set<DurableTimer>().AsNoTracking().Where(t => t.Status == WorkStatus.Dead)
            .OrderBy(t => t.FireAt).Take(MaxList)
            .Select(t => new DeadTimer(t.Kind, t.EntityId, t.FireAt, t.Attempts, t.LastError))
            .ToListAsync(ct);
        return new DeadLetterList(await events.CountAsync(ct), deadEvents, await db.Set<DurableTimer>().CountAsync(t => t.Status == WorkStatus.Dead, ct), deadTimers);
    }

    /// <summary>Sends dead deliveries round again: one (<paramref name="eventId"/>), or all of <paramref name="subscriber"/>.</summary>
    public Task<Outcome<int>> ReplayEventsAsync(string actor, string subscriber, Guid? eventId, CancellationToken ct) =>
        unitOfWork.RunAsync<int>(async token =>
        {
            var dead = await db.Set<EventDelivery>()
                .Where(d => d.Status == WorkStatus.Dead && d.Subscriber == subscriber && (eventId == null || d.EventId == eventId))
                .ToListAsync(token);
            if (dead.Count == 0)
            {
                return new NotFound("dead letter", eventId is { } id ? $"{id}/{subscriber}" : subscriber);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            dead.ForEach(d => d.Replay(now));
            audit.Record(actor, "events.replayed", $"subscriber:{subscriber}", eventId is { } one ? $"event {one}" : $"{dead.Count} dead deliveries");
            return dead.Count;
        }, ct, "The dead-letter list");

    public Task<Outcome<int>> ReplayTimerAsync(string actor, string kind, string entityId, CancellationToken ct) =>
        unitOfWork.RunAsync<int>(async token =>
        {
            if (await db.Set<DurableTimer>().FindAsync([kind, entityId], token) is not { Status: WorkStatus.Dead } timer)
            {
                return new NotFound("dead timer", $"{kind}/{entityId}");
            }

            timer.Replay(clock.GetUtcNow().UtcDateTime);
            audit.Record(actor, "timers.replayed", $"timer:{kind}/{entityId}", $"after {timer.LastError}");
            return 1;
        }, ct, "The timer");
}

public sealed record DeadLetterList(int EventCount, IReadOnlyList<DeadEvent> Events, int TimerCount, IReadOnlyList<DeadTimer> Timers);

public sealed record DeadEvent(Guid EventId, string Subscriber, string EventType, DateTime PublishedAt, int Attempts, string? LastError);

public sealed record DeadTimer(string Kind, string EntityId, DateTime FireAt, int Attempts, string? LastError);

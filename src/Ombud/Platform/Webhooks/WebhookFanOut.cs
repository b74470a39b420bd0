using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// Turns new outbox events into webhook messages and one delivery per endpoint that wants each. Progress is the set
/// of <see cref="WebhookMessage"/> rows, not the outbox's shared <c>ProcessedAt</c>: other consumers read the same
/// events at their own pace.
/// </summary>
/// <remarks>
/// Events are not committed in the order of their timestamps (a slow transaction commits an older event after a
/// newer one), so "everything after the last event handled" would skip some. Instead each pass looks back
/// <see cref="LookBack"/> before the newest handled event and takes whatever it has not handled yet; the look-back
/// only bounds the scan, and is far longer than any transaction or clock skew between nodes. On PostgreSQL one node
/// fans out at a time (a transaction-scoped advisory lock; the others skip the pass); SQLite has one process.
/// </remarks>
public sealed class WebhookFanOut(OmbudDb db, WebhookSources sources, WriteGate writeGate, TimeProvider clock)
{
    public static readonly TimeSpan LookBack = TimeSpan.FromMinutes(10);

    private const int BatchSize = 200;

    // Any fixed number; it names "webhook fan-out" among the advisory locks of the database.
    private const long FanOutLockKey = 0x0_4F4D_5748_46;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Handles up to one batch of new events; returns how many it handled.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var types = sources.EventTypes.ToList();
        if (types.Count == 0)
        {
            return 0;
        }

        using var writing = await writeGate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql()
            && !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({FanOutLockKey}) AS \"Value\"").SingleAsync(ct))
        {
            return 0;
        }

        var newest = await db.Set<WebhookMessage>().MaxAsync(m => (DateTime?)m.OccurredAt, ct);
        var horizon = newest is { } n ? n - LookBack : DateTime.MinValue;
        var events = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => types.Contains(m.Type) && m.OccurredAt >= horizon && !db.Set<WebhookMessage>().Any(w => w.Id == m.Id))
            .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        if (events.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var messages = events.Select(e => new WebhookMessage(e.Id, e.Type, sources.For(e.Type).MerchantOf(e.Payload), BodyOf(e), e.OccurredAt, now)).ToList();
        var merchants = messages.Where(m => m.MerchantId is not null).Select(m => m.MerchantId).Distinct().ToList();
        var endpoints = await db.Set<WebhookEndpoint>()
            .Where(e => e.Enabled && (e.MerchantId == null || merchants.Contains(e.MerchantId)))
            .ToListAsync(ct);
        foreach (var message in messages)
        {
            db.Add(message);
            foreach (var endpoint in endpoints.Where(e => (e.MerchantId is null || e.MerchantId == message.MerchantId) && e.Wants(message.Type)))
            {
                db.Add(new WebhookDelivery(Guid.CreateVersion7(now), message, endpoint, now));
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return events.Count;
    }

    /// <summary>The Standard Webhooks body: the event's type, when it happened, and its payload as <c>data</c>.</summary>
    private static string BodyOf(OutboxMessage e) => new JsonObject
    {
        ["type"] = e.Type,
        ["timestamp"] = DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = JsonNode.Parse(e.Payload),
    }.ToJsonString(Json);
}

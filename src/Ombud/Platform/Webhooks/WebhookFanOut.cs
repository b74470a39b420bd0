using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// The webhooks subscriber: turns one event into a webhook message and one delivery per endpoint that wants it, each
/// with its first attempt set as a timer (<see cref="WebhookAttempts"/>). It runs in the event's unit of work, so the
/// message, its deliveries and the event's progress commit together, once.
/// </summary>
public sealed class WebhookFanOut(OmbudDb db, WebhookSources sources, TimerSchedule timers, TimeProvider clock) : IEventHandler
{
    /// <summary>The subscriber's name: its progress in <c>platform_event_deliveries</c>.</summary>
    public const string Subscriber = "webhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var webhook = new WebhookMessage(message.Id, message.Type, sources.For(message.Type).MerchantOf(message.Payload), BodyOf(message),
            message.OccurredAt, now);
        db.Add(webhook);
        var endpoints = await db.Set<WebhookEndpoint>()
            .Where(x => x.Enabled && (x.MerchantId == null || x.MerchantId == webhook.MerchantId))
            .ToListAsync(ct);
        foreach (var endpoint in endpoints.Where(x => x.Wants(webhook.Type)))
        {
            var delivery = new WebhookDelivery(Guid.CreateVersion7(now), webhook, endpoint, now);
            db.Add(delivery);
            await timers.ScheduleAsync(WebhookAttempts.Kind, delivery.Id.ToString(), now, ct);
        }
    }

    /// <summary>The Standard Webhooks body: the event's type, when it happened, and its payload as <c>data</c>.</summary>
    private static string BodyOf(EventMessage e) => new JsonObject
    {
        ["type"] = e.Type,
        ["timestamp"] = DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = JsonNode.Parse(e.Payload),
    }.ToJsonString(Json);
}

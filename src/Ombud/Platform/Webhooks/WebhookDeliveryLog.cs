using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Webhooks;

/// <summary>What an owner reads about its deliveries, and the manual replay. Another owner's delivery is "not found".</summary>
public sealed class WebhookDeliveryLog(OmbudDb db, WebhookSender sender, UnitOfWork unitOfWork, AuditLog audit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>An endpoint's deliveries, newest first, after the cursor (a delivery id this API gave out).</summary>
    public async Task<Outcome<WebhookDeliveryPage>> ListAsync(WebhookOwner owner, Guid endpointId, string? cursor, int? limit,
        WebhookDeliveryStatus? status, CancellationToken ct)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return Invalid.Field("limit", $"Between 1 and {MaxLimit}.");
        }

        Guid? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!Guid.TryParseExact(cursor, "N", out var id))
            {
                return Invalid.Field("cursor", Http.Cursor.NotACursor);
            }

            before = id;
        }

        if (!await db.Set<WebhookEndpoint>().AnyAsync(e => e.Id == endpointId && e.MerchantId == owner.MerchantId, ct))
        {
            return new NotFound("webhook endpoint", endpointId.ToString());
        }

        var deliveries = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.EndpointId == endpointId);
        if (status is { } s)
        {
            deliveries = deliveries.Where(d => d.Status == s);
        }

        if (before is { } b)
        {
            // Ids are time-ordered (version 7), and both providers compare them in that order.
            deliveries = deliveries.Where(d => d.Id < b);
        }

        var rows = await deliveries.OrderByDescending(d => d.Id).Take(take + 1)
            .Select(d => new { Delivery = d, Attempts = d.Attempts.Count })
            .ToListAsync(ct);
        var items = rows.Take(take).Select(r => WebhookDeliveryResponse.From(r.Delivery, r.Attempts)).ToList();
        return new WebhookDeliveryPage(items, rows.Count > take ? items[^1].Id.ToString("N") : null);
    }

    public async Task<Outcome<WebhookDeliveryDetail>> GetAsync(WebhookOwner owner, Guid deliveryId, CancellationToken ct)
    {
        var delivery = await db.Set<WebhookDelivery>().AsNoTracking().Include(d => d.Message).Include(d => d.Attempts)
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.Endpoint.MerchantId == owner.MerchantId, ct);
        if (delivery is null)
        {
            return Missing(deliveryId);
        }

        var attempts = delivery.Attempts.OrderBy(a => a.At).ThenBy(a => a.Id).Select(WebhookAttemptResponse.From).ToList();
        return new WebhookDeliveryDetail(WebhookDeliveryResponse.From(delivery, attempts.Count), delivery.Message.Body, attempts);
    }

    /// <summary>
    /// Sends the delivery again at once, under the same <c>webhook-id</c> (so a receiver that already has it can tell),
    /// signed for now. A success marks the delivery delivered; a failure leaves its schedule as it was.
    /// </summary>
    /// <remarks>
    /// The request goes out before the unit of work opens, so the write gate is never held while a receiver answers;
    /// the unit of work then reads the delivery again and records the attempt on what it finds.
    /// </remarks>
    public async Task<Outcome<WebhookAttemptResponse>> ReplayAsync(WebhookOwner owner, Guid deliveryId, CancellationToken ct)
    {
        var delivery = await FindAsync(owner, deliveryId, ct);
        if (delivery is null)
        {
            return Missing(deliveryId);
        }

        if (!delivery.Endpoint.Enabled)
        {
            return new Conflict("The endpoint is disabled; enable it before replaying its deliveries.");
        }

        // The receiver's answer is recorded whatever the caller does meanwhile: the request went out.
        var attempt = await sender.SendAsync(delivery, replay: true, CancellationToken.None);
        return await unitOfWork.RunAsync(async token =>
        {
            if (await FindAsync(owner, deliveryId, token) is not { } sent)
            {
                return Missing(deliveryId);
            }

            sent.RecordReplay(attempt);
            audit.Record(owner.Actor, "webhook.delivery-replayed", $"webhook-delivery:{sent.Id}",
                $"endpoint={sent.EndpointId}; webhook-id={sent.Message.WebhookId}; status={attempt.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
            return (Outcome<WebhookAttemptResponse>)WebhookAttemptResponse.From(attempt);
        }, CancellationToken.None, "The webhook delivery");
    }

    private Task<WebhookDelivery?> FindAsync(WebhookOwner owner, Guid deliveryId, CancellationToken ct) =>
        db.Set<WebhookDelivery>().Include(d => d.Message).Include(d => d.Endpoint)
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.Endpoint.MerchantId == owner.MerchantId, ct);

    private static NotFound Missing(Guid id) => new("webhook delivery", id.ToString());
}

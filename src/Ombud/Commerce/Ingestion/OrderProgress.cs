using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Commerce.Contracts;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Ingestion;

/// <summary>
/// What happens to an order after it is placed, as the merchant's systems report it: shipped with a tracking number,
/// delivered, returned, cancelled. Disputes weigh these facts (proof of delivery against "never arrived").
/// Money moves separately, as payments and refunds.
/// </summary>
internal sealed class OrderProgress(OmbudDb db, DomainEvents events, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<OrderResponse>> ShipAsync(Guid orderId, ShipmentRequest r, CancellationToken ct)
    {
        var v = new Validation().Require("carrier", r.Carrier, 50).Require("trackingNumber", r.TrackingNumber, 100).NotInFuture("shippedAt", r.ShippedAt, Now);
        return v.IsValid ? await ChangeAsync(orderId, "shipped", o => o.Ship(r.Carrier!.Trim(), r.TrackingNumber!.Trim(), Happened(o, r.ShippedAt)), ct) : v.ToError();
    }

    public async Task<Outcome<OrderResponse>> DeliverAsync(Guid orderId, DeliveryRequest r, CancellationToken ct)
    {
        var v = new Validation().NotInFuture("deliveredAt", r.DeliveredAt, Now);
        return v.IsValid ? await ChangeAsync(orderId, "delivered", o => o.Deliver(Happened(o, r.DeliveredAt)), ct) : v.ToError();
    }

    public Task<Outcome<OrderResponse>> ReturnAsync(Guid orderId, ReturnRequest r, CancellationToken ct) =>
        ChangeAsync(orderId, "returned", o => o.Return(r.Whole), ct);

    public Task<Outcome<OrderResponse>> CancelAsync(Guid orderId, CancellationToken ct) => ChangeAsync(orderId, "cancelled", o => o.Cancel(), ct);

    /// <summary>An event reported without a time happened now; one reported before the order was placed happened at placing.</summary>
    private DateTime Happened(Order order, DateTime? at)
    {
        var when = at?.Utc() ?? Now;
        return when < order.PlacedAt ? order.PlacedAt : when;
    }

    /// <summary>Changes the order and publishes <see cref="OrderProgressed"/> with it (the assistant's kept facts listen).</summary>
    private async Task<Outcome<OrderResponse>> ChangeAsync(Guid orderId, string step, Func<Order, Outcome<Order>> change, CancellationToken ct)
    {
        var order = await db.Set<Order>().Include(o => o.Plan).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return new NotFound("order", orderId.ToString());
        }

        var changed = change(order);
        if (!changed.Succeeded)
        {
            return changed.Error!;
        }

        events.Publish(OrderProgressed.Type, new OrderProgressed(order.Id, order.CustomerId, step, Now), OrderProgressed.Version);
        return OrderResponse.From(order);
    }
}

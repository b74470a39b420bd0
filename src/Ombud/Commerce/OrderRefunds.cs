using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Platform;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Commerce;

/// <summary>
/// The one way money goes back on an order, whoever sends it: the store over the ingestion API, the store settling a
/// dispute in its store period, or a dispute's outcome. An order is never refunded beyond its total; each refund
/// comes off the plan (<see cref="PaymentPlan.ApplyRefund"/>) and is announced as <c>refund.issued</c> in the same
/// unit of work.
/// </summary>
internal sealed class OrderRefunds(OmbudDb db, DomainEvents events)
{
    /// <summary>What can still be refunded on <paramref name="order"/>: its total less every refund so far.</summary>
    public async Task<Money> RefundableAsync(Order order, CancellationToken ct)
    {
        var refunded = await db.Set<Refund>().Where(r => r.OrderId == order.Id).SumAsync(r => r.AmountMinor, ct);
        return new Money(order.TotalMinor - refunded, order.Currency);
    }

    /// <summary>Stages the refund; the caller has checked the amount against <see cref="RefundableAsync"/>.</summary>
    public Refund Issue(Order order, Money amount, string reason, string? externalId, DateTime at)
    {
        var refund = new Refund(Guid.CreateVersion7(at), externalId, order, amount, reason, at);
        db.Add(refund);
        events.Publish(RefundIssued.Type, new RefundIssued(refund.Id, refund.OrderId, refund.CustomerId, refund.AmountMinor, refund.Currency,
            refund.Reason, refund.CreatedAt), RefundIssued.Version);
        return refund;
    }
}

using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Api;

/// <summary>
/// One order of a merchant as its people and its systems see it: the order, its plan, the refunds on it and the
/// disputes on it. It lives with the disputes because it shows them; Commerce cannot know they exist. Another
/// merchant's order is not found, exactly like an id that does not exist, so a merchant cannot even learn it is there.
/// </summary>
internal sealed class MerchantOrders(OmbudDb db)
{
    public async Task<MerchantOrderCase?> FindAsync(Guid orderId, IReadOnlyCollection<Guid> merchantIds, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Plan).AsSingleQuery()
            .SingleOrDefaultAsync(o => o.Id == orderId && merchantIds.Contains(o.MerchantId), ct);
        if (order is null)
        {
            return null;
        }

        var customer = await new Commerce.Contracts.CustomerOrders(db).NamesAsync([order.CustomerId], ct);
        var refunds = await db.Set<Refund>().AsNoTracking().Where(r => r.OrderId == orderId).ToListAsync(ct);
        var disputes = await db.Set<Dispute>().AsNoTracking().Where(d => d.OrderId == orderId).ToListAsync(ct);
        return new MerchantOrderCase(
            order,
            customer.GetValueOrDefault(order.CustomerId, "the shopper"),
            [.. refunds.OrderBy(r => r.CreatedAt)],
            [.. disputes.OrderByDescending(d => d.ReportedAt)]);
    }
}

/// <summary>A merchant's order with the refunds given on it (oldest first) and its disputes (latest reported first).</summary>
internal sealed record MerchantOrderCase(Order Order, string CustomerName, IReadOnlyList<Refund> Refunds, IReadOnlyList<Dispute> Disputes);

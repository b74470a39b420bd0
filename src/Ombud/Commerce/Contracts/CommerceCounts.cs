using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;
using Ombud.Web.Admin;

namespace Ombud.Commerce.Contracts;

/// <summary>How much Commerce holds, for the admin overview.</summary>
internal sealed class CommerceCounts : IAdminCounts
{
    public async Task<IReadOnlyList<EntityCount>> CountAsync(OmbudDb db, CancellationToken ct) =>
    [
        // One query after the other: a DbContext runs one command at a time.
        new("Customers", await db.Set<Customer>().CountAsync(ct)),
        new("Merchants", await db.Set<Merchant>().CountAsync(ct)),
        new("Orders", await db.Set<Order>().CountAsync(ct)),
        new("Payment plans", await db.Set<PaymentPlan>().CountAsync(ct)),
        new("Payments", await db.Set<Payment>().CountAsync(ct)),
        new("Refunds", await db.Set<Refund>().CountAsync(ct)),
    ];
}

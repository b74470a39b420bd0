using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Pages;

/// <summary>A merchant's own orders as its staff see them: the latest, how they stand, and what came back.</summary>
internal sealed class MerchantOverview(OmbudDb db)
{
    public const int LatestCount = 25;

    /// <summary>Loads the merchant the signed-in user works for (from the sign-in's claims). Null when tied to no merchant.</summary>
    public async Task<MerchantView?> LoadAsync(Guid? merchantId, CancellationToken cancellationToken)
    {
        var merchant = merchantId is null
            ? null
            : await db.Set<Merchant>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == merchantId, cancellationToken);
        if (merchant is null)
        {
            return null;
        }

        var orders = db.Set<Order>().AsNoTracking().Where(o => o.MerchantId == merchant.Id);
        var latest = await orders
            .OrderByDescending(o => o.PlacedAt)
            .Take(LatestCount)
            .Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new { Order = o, CustomerName = c.Name })
            .ToListAsync(cancellationToken);
        var byStatus = await orders
            .GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var sales = await orders
            .GroupBy(o => o.Currency)
            .Select(g => new { Currency = g.Key, Minor = g.Sum(o => o.TotalMinor) })
            .ToListAsync(cancellationToken);
        var refunds = await db.Set<Refund>().AsNoTracking()
            .Where(r => orders.Any(o => o.Id == r.OrderId))
            .GroupBy(r => r.Currency)
            .Select(g => new { Currency = g.Key, Count = g.Count(), Minor = g.Sum(r => r.AmountMinor) })
            .ToListAsync(cancellationToken);

        return new MerchantView(
            merchant.Name,
            merchant.Country,
            merchant.DisputeRateBasisPoints,
            [.. latest.Select(l => new MerchantOrder(l.Order, l.CustomerName))],
            byStatus.ToDictionary(s => s.Status, s => s.Count),
            [.. sales.OrderBy(s => s.Currency, StringComparer.Ordinal).Select(s => new Money(s.Minor, s.Currency))],
            refunds.Sum(r => r.Count),
            [.. refunds.OrderBy(r => r.Currency, StringComparer.Ordinal).Select(r => new Money(r.Minor, r.Currency))]);
    }
}

internal sealed record MerchantView(
    string Name,
    string Country,
    int DisputeRateBasisPoints,
    IReadOnlyList<MerchantOrder> Latest,
    IReadOnlyDictionary<OrderStatus, int> OrdersByStatus,
    IReadOnlyList<Money> Sales,
    int RefundCount,
    IReadOnlyList<Money> Refunded)
{
    public int OrderCount => OrdersByStatus.Values.Sum();

    public int ReturnCount => OrdersByStatus.GetValueOrDefault(OrderStatus.Returned) + OrdersByStatus.GetValueOrDefault(OrderStatus.PartiallyReturned);
}

internal sealed record MerchantOrder(Order Order, string CustomerName);

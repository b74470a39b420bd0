using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.DemoWorld;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Contracts;

/// <summary>An order as fraud trends see it: when, how much, and the merchant, category, channel and market it belongs to.</summary>
public sealed record TrendOrder(Guid OrderId, DateTime PlacedAt, long TotalMinor, string Currency, string Merchant, string Category, string Channel,
    string Market);

/// <summary>Commerce's read service for fraud trends: the orders placed since a time, with the labelled ones' verdicts.</summary>
public sealed class FraudTrendHistory(OmbudDb db, RiskHistory labels)
{
    public async Task<IReadOnlyList<TrendOrder>> OrdersSinceAsync(DateTime from, CancellationToken ct) =>
        (await db.Set<Order>().AsNoTracking().Where(o => o.PlacedAt >= from)
            .Join(db.Set<Merchant>(), o => o.MerchantId, m => m.Id, (o, m) => new { o, m.Name, m.CategoryCode })
            .Join(db.Set<Customer>(), x => x.o.CustomerId, c => c.Id, (x, c) => new
            {
                x.o.Id, x.o.PlacedAt, x.o.TotalMinor, x.o.Currency, x.Name, x.CategoryCode, x.o.Channel, c.Market,
            })
            .ToListAsync(ct))
        .Select(o => new TrendOrder(o.Id, o.PlacedAt, o.TotalMinor, o.Currency, o.Name, o.CategoryCode, o.Channel.ToString(), o.Market))
        .ToList();

    /// <summary>
    /// The kind of fraud the demo world planted on each of its fraud orders (its ground truth: stolen identity, account
    /// takeover, ring, friendly fraud), for breaking fraud down by pattern. Empty outside a demo world.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, DemoLabelKind>> PlantedFraudKindsAsync(CancellationToken ct) =>
        (await db.Set<DemoLabel>().AsNoTracking().Where(l => RiskHistory.FraudKinds.Contains(l.Kind)).Select(l => new { l.OrderId, l.Kind }).ToListAsync(ct))
        .GroupBy(l => l.OrderId).ToDictionary(g => g.Key, g => g.Min(l => l.Kind));

    /// <summary>Every labelled order: known fraud (true) or known not to be (false); see <see cref="RiskHistory.LabelsAsync"/>.</summary>
    public Task<IReadOnlyDictionary<Guid, bool>> LabelsAsync(CancellationToken ct) => labels.LabelsAsync(null, ct);
}

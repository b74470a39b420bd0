using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Cases;

/// <summary>
/// Every liability decision is a label on its order, read by scoring and training through Commerce's
/// <see cref="RiskHistory.LabelsAsync"/>: first- and third-party fraud are fraud, a store's error and no fraud are
/// not. Where an order has several decided cases, the latest decision counts.
/// </summary>
internal sealed class CaseLabels(OmbudDb db) : IOrderLabelSource
{
    public async Task<IReadOnlyDictionary<Guid, bool>> LabelsAsync(IReadOnlyCollection<Guid>? orderIds, CancellationToken ct)
    {
        var decided = db.Set<FraudCase>().AsNoTracking().Where(c => c.Liability != null);
        if (orderIds is not null)
        {
            decided = decided.Where(c => orderIds.Contains(c.OrderId));
        }

        var rows = await decided.Select(c => new { c.OrderId, c.Liability, c.DecidedAt }).ToListAsync(ct);
        return rows.GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.DecidedAt)!.Liability!.Value.IsFraud());
    }

    public Task<bool> AnyAsync(CancellationToken ct) => db.Set<FraudCase>().AnyAsync(c => c.Liability != null, ct);
}

using System.Collections.ObjectModel;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Platform.Realtime;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Cases;

/// <summary>
/// Every liability decision is a label on its order, read by scoring and training through Commerce's
/// <see cref="RiskHistory.LabelsAsync"/>: first- and third-party fraud are fraud, a store's error and no fraud are
/// not. Where an order has several decided cases, the latest decision counts.
/// </summary>
/// <remarks>
/// Few orders ever get a decided case, and a risk decision asks about up to 500 linked ones: it asks the database only
/// when one of them is in this node's copy of the decided orders (<see cref="DecidedOrders"/>), so nearly every
/// decision reads no case labels at all.
/// </remarks>
internal sealed class CaseLabels(OmbudDb db, DecidedOrders decidedOrders) : IOrderLabelSource
{
    public async Task<IReadOnlyDictionary<Guid, bool>> LabelsAsync(IReadOnlyCollection<Guid>? orderIds, CancellationToken ct)
    {
        if (orderIds is null)
        {
            return await ReadAsync(Decided(), ct);
        }

        var known = await decidedOrders.GetAsync(LoadDecidedAsync, ct);
        var asked = orderIds.Where(known.Contains).ToList();
        // The query is built only when it will run: building it (a LINQ expression tree per call) for the risk decisions
        // that never ran it was ~3 % of a busy node's CPU samples on the risk benchmark.
        return asked.Count == 0 ? ReadOnlyDictionary<Guid, bool>.Empty : await ReadAsync(Decided().Where(c => asked.Contains(c.OrderId)), ct);
    }

    public Task<bool> AnyAsync(CancellationToken ct) => db.Set<FraudCase>().AnyAsync(c => c.Liability != null, ct);

    private IQueryable<FraudCase> Decided() => db.Set<FraudCase>().AsNoTracking().Where(c => c.Liability != null);

    private static async Task<IReadOnlyDictionary<Guid, bool>> ReadAsync(IQueryable<FraudCase> decided, CancellationToken ct)
    {
        var rows = await decided.Select(c => new { c.OrderId, c.Liability, c.DecidedAt }).ToListAsync(ct);
        return rows.GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.DecidedAt)!.Liability!.Value.IsFraud());
    }

    private async Task<IReadOnlySet<Guid>> LoadDecidedAsync(CancellationToken ct) =>
        (await Decided().Select(c => c.OrderId).Distinct().ToListAsync(ct)).ToHashSet();
}

/// <summary>This node's copy of the orders that have a decided case; a liability decision announces itself after commit.</summary>
internal sealed class DecidedOrders(LiveChannel channel) : NodeCopy<IReadOnlySet<Guid>>(channel, Topic)
{
    public const string Topic = "fraud.cases.decided";
}

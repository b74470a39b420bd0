using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Pages;

/// <summary>A decision as a page lists it, with the customer's name.</summary>
internal sealed record RiskDecisionRow(RiskDecisionView Decision, string CustomerName);

/// <summary>Counts by outcome since a moment, and the latest decisions that were not plain approvals.</summary>
internal sealed record RiskOverview(int Approved, int Reviewed, int Declined, IReadOnlyList<RiskDecisionRow> Latest);

/// <summary>Reads of stored risk decisions for the pages: one order's, and the overview of the latest.</summary>
internal sealed class RiskDecisionReads(OmbudDb db, CustomerOrders customers)
{
    public async Task<IReadOnlyList<RiskDecisionView>> OfOrderAsync(Guid orderId, CancellationToken ct) =>
        [.. (await db.Set<FraudDecision>().AsNoTracking().Where(d => d.OrderId == orderId).OrderByDescending(d => d.DecidedAt).Take(10).ToListAsync(ct))
            .Select(RiskDecisionView.Of)];

    public async Task<RiskOverview> OverviewAsync(DateTime since, int limit, CancellationToken ct)
    {
        var counts = await db.Set<FraudDecision>().AsNoTracking().Where(d => d.DecidedAt >= since)
            .GroupBy(d => d.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var latest = await db.Set<FraudDecision>().AsNoTracking().Where(d => d.Outcome != RiskOutcome.Approve)
            .OrderByDescending(d => d.DecidedAt).Take(limit).ToListAsync(ct);
        var names = await customers.NamesAsync([.. latest.Select(d => d.CustomerId).Distinct()], ct);
        int Count(RiskOutcome outcome) => counts.FirstOrDefault(c => c.Key == outcome)?.Count ?? 0;
        return new RiskOverview(Count(RiskOutcome.Approve), Count(RiskOutcome.Review), Count(RiskOutcome.Decline),
            [.. latest.Select(d => new RiskDecisionRow(RiskDecisionView.Of(d), names.GetValueOrDefault(d.CustomerId, "unknown customer")))]);
    }
}

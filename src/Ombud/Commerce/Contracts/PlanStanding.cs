using Microsoft.EntityFrameworkCore;
using Ombud.Platform.People;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Contracts;

/// <summary>
/// Commerce's part of a customer's good standing: no instalment unpaid past its due date (missed ones included; one a
/// dispute holds does not count against them) and no plan handed over to collection.
/// </summary>
internal sealed class PlanStanding(OmbudDb db, TimeProvider clock) : ICustomerStandingPart
{
    public async Task<IReadOnlyList<string>> ReasonsAsync(Guid customerId, CancellationToken ct)
    {
        var plans = await db.Set<Order>().AsNoTracking().Include(o => o.Plan).Where(o => o.CustomerId == customerId)
            .Select(o => o.Plan).ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var overdue = plans.Sum(p => p.Instalments.Count(i => i.Status is InstalmentStatus.Scheduled or InstalmentStatus.Missed
            && i.RemainingMinor > 0 && !i.IsHeld && i.DueDate < today));
        var inCollection = plans.Count(p => p.InCollection);
        var reasons = new List<string>();
        if (overdue > 0)
        {
            reasons.Add($"{overdue} instalment{(overdue == 1 ? " is" : "s are")} unpaid past the due date.");
        }

        if (inCollection > 0)
        {
            reasons.Add($"{inCollection} payment plan{(inCollection == 1 ? " is" : "s are")} with collection.");
        }

        return reasons;
    }
}

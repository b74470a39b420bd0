using Microsoft.EntityFrameworkCore;
using Ombud.Fraud.Cases;
using Ombud.Platform.People;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Contracts;

/// <summary>
/// Fraud's part of a customer's good standing: no fraud case about them still open, and none decided as their own
/// (first-party) fraud. A case decided as third-party fraud made them its victim, which counts for nothing against them.
/// </summary>
internal sealed class FraudStanding(OmbudDb db) : ICustomerStandingPart
{
    public async Task<IReadOnlyList<string>> ReasonsAsync(Guid customerId, CancellationToken ct)
    {
        var cases = await db.Set<FraudCase>().AsNoTracking().Where(c => c.CustomerId == customerId)
            .Select(c => new { c.State, c.Liability }).ToListAsync(ct);
        var reasons = new List<string>();
        if (cases.Any(c => c.Liability is null && c.State != CaseState.Closed))
        {
            reasons.Add("A fraud case about your account is still open.");
        }

        if (cases.Any(c => c.Liability == Liability.FirstPartyFraud))
        {
            reasons.Add("A fraud case found first-party fraud on your account.");
        }

        return reasons;
    }
}

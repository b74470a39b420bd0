using Microsoft.EntityFrameworkCore;
using Ombud.Platform.People;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Contracts;

/// <summary>Disputes' part of a customer's good standing: no dispute of theirs decided as their own (first-party) fraud.</summary>
internal sealed class ShopperFraudStanding(OmbudDb db) : ICustomerStandingPart
{
    public async Task<IReadOnlyList<string>> ReasonsAsync(Guid customerId, CancellationToken ct) =>
        await db.Set<Dispute>().AnyAsync(d => d.CustomerId == customerId && d.OutcomeDetail == DisputeOutcomeDetail.FirstPartyFraud, ct)
            ? ["A dispute of yours was decided as first-party fraud."]
            : [];
}

using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Commerce.DemoWorld;
using Ombud.Fraud.Cases;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Trends;

/// <summary>
/// The pattern of a fraud order, for trends: the kind of fraud where it is known (stolen identity, account takeover,
/// fraud ring, friendly fraud — today from the demo world's ground truth), else who committed it as the case's liability
/// decision found (third-party or first-party fraud), else "pattern not known". A case decision outranks the planted
/// kind when the two disagree on the party: a kind is third-party (stolen identity, takeover, ring) or first-party
/// (friendly fraud), and a case that found the other party names the pattern by its liability.
/// </summary>
internal sealed class FraudPatterns(OmbudDb db, FraudTrendHistory history)
{
    public const string NotKnown = "pattern not known";

    /// <summary>The pattern of each of these fraud orders.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> OfAsync(IEnumerable<Guid> fraudOrders, CancellationToken ct)
    {
        var planted = await history.PlantedFraudKindsAsync(ct);
        // Decided cases are few beside orders: read them all rather than send thousands of ids.
        var decided = (await db.Set<FraudCase>().AsNoTracking().Where(c => c.Liability != null)
                .Select(c => new { c.OrderId, c.Liability, c.DecidedAt }).ToListAsync(ct))
            .GroupBy(c => c.OrderId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.DecidedAt)!.Liability!.Value);
        return fraudOrders.Distinct().ToDictionary(id => id,
            id => Of(planted.TryGetValue(id, out var kind) ? kind : null, decided.TryGetValue(id, out var liability) ? liability : null));
    }

    public static string Of(DemoLabelKind? kind, Liability? liability)
    {
        var thirdParty = kind is DemoLabelKind.StolenIdentity or DemoLabelKind.AccountTakeover or DemoLabelKind.FraudRing;
        var kindFits = kind is not null && liability switch
        {
            Liability.ThirdPartyFraud => thirdParty,
            Liability.FirstPartyFraud => !thirdParty,
            _ => true,
        };
        return (kindFits, kind, liability) switch
        {
            (true, DemoLabelKind.StolenIdentity, _) => "stolen identity",
            (true, DemoLabelKind.AccountTakeover, _) => "account takeover",
            (true, DemoLabelKind.FraudRing, _) => "fraud ring",
            (true, DemoLabelKind.FriendlyFraud, _) => "friendly fraud",
            (_, _, Liability.ThirdPartyFraud) => "third-party fraud",
            (_, _, Liability.FirstPartyFraud) => "first-party fraud",
            _ => NotKnown,
        };
    }
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Api;

/// <summary>
/// Who is asking, as the disputes API needs it: which side they are on, which customer or merchants they speak for,
/// and the credential that goes into the audit log (<c>user:…</c> or <c>key:…</c>).
/// </summary>
internal sealed record DisputeCaller(DisputeParty Party, string Credential, Guid? CustomerId, IReadOnlyList<Guid> MerchantIds)
{
    /// <summary>The actor written on the dispute's transitions: the customer, the merchant, or the staff member or key itself.</summary>
    public string ActorOn(Dispute dispute) => Party switch
    {
        DisputeParty.Shopper => DisputeActors.Customer(CustomerId!.Value),
        DisputeParty.Merchant => DisputeActors.Merchant(dispute.MerchantId),
        _ => Credential,
    };

    /// <summary>Whether the caller may know the dispute exists; a party sees only its own, staff see all.</summary>
    public bool Sees(Dispute dispute) => Party switch
    {
        DisputeParty.Shopper => dispute.CustomerId == CustomerId,
        DisputeParty.Merchant => MerchantIds.Contains(dispute.MerchantId),
        _ => true,
    };
}

/// <summary>Resolves a <see cref="DisputeCaller"/> from the signed-in person or the API key; null when they are not that party.</summary>
internal sealed class DisputeCallers(OmbudDb db)
{
    public async Task<DisputeCaller?> ResolveAsync(ClaimsPrincipal user, DisputeParty party, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return null;
        }

        var credential = id.StartsWith("apikey:", StringComparison.Ordinal) && Guid.TryParse(id["apikey:".Length..], out var keyId)
            ? DisputeActors.Key(keyId)
            : DisputeActors.User(id);
        switch (party)
        {
            case DisputeParty.Shopper:
                // The policy let in a person in role shopper; the customer they are comes from their account, not a claim.
                var customerId = await db.Users.Where(u => u.Id == id).Select(u => u.CustomerId).SingleOrDefaultAsync(ct);
                return customerId is { } customer ? new DisputeCaller(party, credential, customer, []) : null;
            case DisputeParty.Merchant:
                var merchants = user.FindAll(Scopes.ClaimType)
                    .Select(s => s.Value.StartsWith(Scopes.MerchantPrefix, StringComparison.Ordinal) && Guid.TryParse(s.Value[Scopes.MerchantPrefix.Length..], out var m) ? m : (Guid?)null)
                    .OfType<Guid>().ToList();
                if (merchants.Count == 0 && user.IsInRole(Roles.Merchant)
                    && await db.Users.Where(u => u.Id == id).Select(u => u.MerchantId).SingleOrDefaultAsync(ct) is { } own)
                {
                    // A person of the merchant's staff (portal cookie) speaks for the one merchant their account is linked to.
                    merchants = [own];
                }

                return merchants.Count > 0 ? new DisputeCaller(party, credential, null, merchants) : null;
            default:
                return new DisputeCaller(party, credential, null, []);
        }
    }
}

using System.Security.Claims;
using Ombud.Platform.Auth;

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

    /// <summary>
    /// The caller as <paramref name="party"/>; null when they do not speak for it: a shopper's account linked to no
    /// customer, or a merchant's person or key tied to no merchant. Who they act for comes from the sign-in's claims.
    /// </summary>
    public static DisputeCaller? Of(ClaimsPrincipal user, DisputeParty party)
    {
        if (Caller.Of(user) is not { } caller)
        {
            return null;
        }

        var credential = caller.KeyId is { } keyId ? DisputeActors.Key(keyId) : DisputeActors.User(caller.UserId!);
        return party switch
        {
            DisputeParty.Shopper => caller.CustomerId is { } customer ? new DisputeCaller(party, credential, customer, []) : null,
            DisputeParty.Merchant => caller.MerchantIds.Count > 0 ? new DisputeCaller(party, credential, null, caller.MerchantIds) : null,
            _ => new DisputeCaller(party, credential, null, []),
        };
    }
}

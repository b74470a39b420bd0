using System.Security.Claims;
using Ombud.Platform.Auth;

namespace Ombud.Disputes.Pages;

/// <summary>
/// The signed-in person as a dispute page sees them: which side they are on, which customer or merchant they act for,
/// and the actor their steps are recorded under. The customer or merchant always comes from the sign-in's claims
/// (<see cref="Caller"/>), never from the address: a link to someone else's dispute finds nothing.
/// </summary>
internal sealed record DisputeViewer(DisputeAudience Audience, Guid? PartyId, string Actor)
{
    /// <summary>
    /// The viewer for <paramref name="audience"/>, or null when the user acts for no customer (a shopper) or no
    /// merchant (merchant staff). Staff act as themselves: "user:&lt;id&gt;".
    /// </summary>
    public static DisputeViewer? Of(ClaimsPrincipal user, DisputeAudience audience)
    {
        if (Caller.Of(user) is not { UserId: { } userId } caller)
        {
            return null;
        }

        return audience switch
        {
            DisputeAudience.Shopper => caller.IsInRole(Roles.Shopper) && caller.CustomerId is { } customer
                ? new DisputeViewer(audience, customer, DisputeActors.Customer(customer))
                : null,
            DisputeAudience.Merchant => caller.IsInRole(Roles.Merchant) && caller.MerchantIds is [var merchant]
                ? new DisputeViewer(audience, merchant, DisputeActors.Merchant(merchant))
                : null,
            _ => caller.IsInRole(Roles.Agent) || caller.IsInRole(Roles.Admin) ? new DisputeViewer(audience, null, DisputeActors.User(userId)) : null,
        };
    }

    /// <summary>The side of the dispute the viewer is on, as the API and the audit log name it.</summary>
    public DisputeParty Party => Audience switch
    {
        DisputeAudience.Shopper => DisputeParty.Shopper,
        DisputeAudience.Merchant => DisputeParty.Merchant,
        _ => DisputeParty.Staff,
    };

    /// <summary>Whether this viewer may see <paramref name="dispute"/>: a shopper their own, a merchant its own, staff any.</summary>
    public bool MaySee(Dispute dispute) => Audience switch
    {
        DisputeAudience.Shopper => dispute.CustomerId == PartyId,
        DisputeAudience.Merchant => dispute.MerchantId == PartyId,
        _ => true,
    };
}

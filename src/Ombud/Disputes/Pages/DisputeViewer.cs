using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Pages;

/// <summary>
/// The signed-in person as a dispute page sees them: which side they are on, which customer or merchant they act for,
/// and the actor their steps are recorded under. The customer or merchant always comes from the user's own row, read
/// again on every load, never from the address: a link to someone else's dispute finds nothing.
/// </summary>
internal sealed record DisputeViewer(DisputeAudience Audience, Guid? PartyId, string Actor)
{
    /// <summary>
    /// The viewer for <paramref name="audience"/>, or null when the user acts for no customer (a shopper) or no
    /// merchant (merchant staff). Staff act as themselves: "user:&lt;id&gt;".
    /// </summary>
    public static async Task<DisputeViewer?> ResolveAsync(OmbudDb db, ClaimsPrincipal user, DisputeAudience audience, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        switch (audience)
        {
            case DisputeAudience.Shopper:
            {
                var customerId = user.IsInRole(Roles.Shopper)
                    ? await db.Users.Where(u => u.Id == userId).Select(u => u.CustomerId).SingleOrDefaultAsync(ct)
                    : null;
                return customerId is { } id ? new DisputeViewer(audience, id, DisputeActors.Customer(id)) : null;
            }

            case DisputeAudience.Merchant:
            {
                var merchantId = user.IsInRole(Roles.Merchant)
                    ? await db.Users.Where(u => u.Id == userId).Select(u => u.MerchantId).SingleOrDefaultAsync(ct)
                    : null;
                return merchantId is { } id ? new DisputeViewer(audience, id, DisputeActors.Merchant(id)) : null;
            }

            default:
                return user.IsInRole(Roles.Agent) || user.IsInRole(Roles.Admin) ? new DisputeViewer(audience, null, DisputeActors.User(userId)) : null;
        }
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

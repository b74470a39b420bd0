using System.Security.Claims;
using Ombud.Platform.Auth;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// Whose endpoints a caller manages: a <c>merchant:&lt;id&gt;</c> key manages that merchant's, an <c>admin</c> key the
/// provider's own. Each sees only the endpoints (and deliveries) it owns; anything else is "not found".
/// </summary>
/// <param name="MerchantId">The merchant; null for the provider.</param>
/// <param name="Actor">Who acts, for the audit log: <c>apikey:&lt;id&gt;</c>.</param>
public sealed record WebhookOwner(Guid? MerchantId, string Actor)
{
    /// <summary>The owner a key acts for; null when it has neither exactly one merchant scope nor the admin scope.</summary>
    public static WebhookOwner? Of(ClaimsPrincipal user)
    {
        var actor = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "unknown";
        var merchants = user.FindAll(Scopes.ClaimType)
            .Where(c => c.Value.StartsWith(Scopes.MerchantPrefix, StringComparison.Ordinal))
            .Select(c => Guid.TryParse(c.Value[Scopes.MerchantPrefix.Length..], out var id) ? id : (Guid?)null)
            .Distinct()
            .ToList();
        if (merchants is [{ } merchant])
        {
            return new WebhookOwner(merchant, actor);
        }

        return merchants.Count == 0 && user.HasClaim(Scopes.ClaimType, Scopes.Admin) ? new WebhookOwner(null, actor) : null;
    }

    public bool Owns(WebhookEndpoint endpoint) => endpoint.MerchantId == MerchantId;
}

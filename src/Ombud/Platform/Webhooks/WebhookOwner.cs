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
    public static WebhookOwner? Of(ClaimsPrincipal user) => Caller.Of(user) switch
    {
        { KeyId: not null, MerchantIds: [var merchant] } key => new WebhookOwner(merchant, key.Actor),
        { KeyId: not null, MerchantIds: [] } key when key.HasScope(Scopes.Admin) => new WebhookOwner(null, key.Actor),
        _ => null,
    };

    public bool Owns(WebhookEndpoint endpoint) => endpoint.MerchantId == MerchantId;
}

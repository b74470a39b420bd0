using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Ombud.Platform.Auth;

namespace Ombud.Disputes.Api;

/// <summary>
/// Who may use which part of the disputes API. Shoppers sign in with cookies; merchants' systems use keys scoped
/// <c>merchant:&lt;id&gt;</c> (<see cref="Policies.MerchantKey"/>); staff are people in role agent or admin, or keys
/// scoped admin, and the provider's risk system (scope risk) may also raise a high-risk purchase.
/// </summary>
internal static class DisputePolicies
{
    public const string Shopper = "disputes:shopper";
    public const string Staff = "disputes:staff";
    public const string RaiseHighRisk = "disputes:raise-high-risk";

    /// <summary>
    /// A merchant's file downloads: its system's key, or a person of its staff signed in to the portal (role merchant),
    /// whose account names the merchant. Only downloads take the cookie; every move stays key-only.
    /// </summary>
    public const string MerchantFiles = "disputes:merchant-files";

    public static void AddDisputePolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Shopper, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Shopper))
            .AddPolicy(Staff, policy => StaffOr(policy))
            .AddPolicy(RaiseHighRisk, policy => StaffOr(policy, Scopes.Risk))
            .AddPolicy(MerchantFiles, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.IsInRole(Roles.Merchant)
                    || c.User.FindAll(Scopes.ClaimType).Any(s => s.Value.StartsWith(Scopes.MerchantPrefix, StringComparison.Ordinal))));

    private static void StaffOr(AuthorizationPolicyBuilder policy, params string[] moreScopes) => policy
        .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName)
        .RequireAuthenticatedUser()
        .RequireAssertion(c => c.User.IsInRole(Roles.Agent) || c.User.IsInRole(Roles.Admin)
            || c.User.FindAll(Scopes.ClaimType).Any(s => s.Value == Scopes.Admin || moreScopes.Contains(s.Value)));
}

using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ombud.Platform.Auth;

/// <summary>
/// A module that ties accounts to something of its own (the marketplace: an account to its agent) adds that as a claim
/// at sign-in, so no page, endpoint or hub has to look it up again.
/// </summary>
public interface ISignInClaims
{
    Task AddAsync(OmbudUser user, ClaimsIdentity identity);
}

/// <summary>
/// Builds the signed-in person's principal: Identity's own claims (id, name, roles, security stamp), the customer or
/// merchant the account is linked to, and what modules add. Identity re-runs it when it re-validates the cookie's
/// security stamp, so a changed link reaches a running session within that interval.
/// </summary>
internal sealed class SignInClaims(
    UserManager<OmbudUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    IEnumerable<ISignInClaims> modules)
    : UserClaimsPrincipalFactory<OmbudUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(OmbudUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.CustomerId is { } customer)
        {
            identity.AddClaim(new Claim(CallerClaims.Customer, customer.ToString()));
        }

        if (user.MerchantId is { } merchant)
        {
            identity.AddClaim(new Claim(CallerClaims.Merchant, merchant.ToString()));
        }

        if (user.IsDemo)
        {
            identity.AddClaim(new Claim(CallerClaims.Demo, "true"));
        }

        foreach (var module in modules)
        {
            await module.AddAsync(user, identity);
        }

        return identity;
    }
}

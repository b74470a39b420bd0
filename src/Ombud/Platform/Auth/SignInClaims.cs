using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ombud.Platform.Auth;

/// <summary>
/// A module that ties accounts to something of its own (the marketplace: an account to its agent) adds that as a claim
/// at sign-in, so no page, endpoint or hub has to look it up again. <see cref="SessionCheck"/> asks it again on every
/// request with a cookie and compares: a changed answer re-issues the session.
/// </summary>
public interface ISignInClaims
{
    /// <summary>Every claim type <see cref="AddAsync"/> may add (a claim that went away is a change too).</summary>
    IReadOnlyCollection<string> ClaimTypes { get; }

    Task AddAsync(string userId, ClaimsIdentity identity);
}

/// <summary>
/// Builds the signed-in person's principal: Identity's own claims (id, name, roles, security stamp), the customer or
/// merchant the account is linked to, and what modules add. Identity runs it at sign-in, and <see cref="SessionCheck"/>
/// when what a session carries no longer matches the account.
/// </summary>
internal sealed class SignInClaims(
    UserManager<OmbudUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    IEnumerable<ISignInClaims> modules)
    : UserClaimsPrincipalFactory<OmbudUser, IdentityRole>(users, roles, options)
{
    /// <summary>The claim types <see cref="Links"/> gives.</summary>
    public static readonly IReadOnlyCollection<string> LinkTypes = [CallerClaims.Customer, CallerClaims.Merchant, CallerClaims.Demo];

    /// <summary>The claims for what the account is linked to: its customer, its merchant, and whether demo mode made it.</summary>
    public static IEnumerable<Claim> Links(Guid? customerId, Guid? merchantId, bool isDemo)
    {
        if (customerId is { } customer)
        {
            yield return new Claim(CallerClaims.Customer, customer.ToString());
        }

        if (merchantId is { } merchant)
        {
            yield return new Claim(CallerClaims.Merchant, merchant.ToString());
        }

        if (isDemo)
        {
            yield return new Claim(CallerClaims.Demo, "true");
        }
    }

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(OmbudUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(Links(user.CustomerId, user.MerchantId, user.IsDemo));
        foreach (var module in modules)
        {
            await module.AddAsync(user.Id, identity);
        }

        return identity;
    }
}

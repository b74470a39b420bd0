using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Ombud.Platform.Auth;

namespace Ombud.Web.Account;

/// <summary>
/// An interactive page lives on one connection for as long as it stays open, and the cookie is not read again meanwhile.
/// Every half minute this re-reads the person's security stamp: once an admin changed their roles or revoked their
/// access (which changes the stamp), the open page signs them out (its routes then send them to sign in) instead of
/// acting with the rights they had.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory logs, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OmbudUser>>();
        if (await users.GetUserAsync(authenticationState.User) is not { } user)
        {
            return false;
        }

        var stamp = authenticationState.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return !users.SupportsUserSecurityStamp || stamp == await users.GetSecurityStampAsync(user);
    }
}

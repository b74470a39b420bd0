using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Web.Account;

/// <summary>
/// An interactive page lives on one connection for as long as it stays open, and the cookie is not read again meanwhile.
/// Every half minute this checks the session as a request's cookie is checked (<see cref="SessionCheck"/>, one read):
/// once an admin changed their roles or revoked their access (which changes the stamp), locked them out or removed the
/// account, the open page signs them out (its routes then send them to sign in) instead of acting with the rights they had.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory logs, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        StillStandsAsync(authenticationState, cancellationToken);

    /// <summary>Whether the page's session still stands: what the half-minute check asks.</summary>
    internal async Task<bool> StillStandsAsync(AuthenticationState authenticationState, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SessionCheck.AdmitsAsync(scope.ServiceProvider.GetRequiredService<OmbudDb>(), identity.Value.ClaimsIdentity,
            authenticationState.User, clock.GetUtcNow(), ct);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Auth;

/// <summary>
/// Checks a cookie's session against the account on every request (<see cref="AuthSetup.SessionCheckSetting"/>), on
/// every node, as Identity's <see cref="SecurityStampValidator{TUser}"/> would, but at the cost of one read of the
/// account and its roles (and what modules add) instead of Identity's five or more reads, a principal built anew and a
/// cookie sealed and sent again on every response:
/// <list type="bullet">
/// <item>a session whose security stamp the account no longer has, whose account is gone or locked out is refused and
/// signed out, as Identity does (role changes, lock-outs and password changes change the stamp);</item>
/// <item>a session that carries other roles, name, e-mail, links (<see cref="SignInClaims.Links"/>) or module claims
/// than the account now has (a role added without a new stamp, an agent registered) gets a principal built anew by
/// Identity and a renewed cookie;</item>
/// <item>otherwise the session stands as it is.</item>
/// </list>
/// Ombud stores no user or role claims of Identity's own (nothing writes them), so those are not compared; whoever
/// adds some must change the stamp with them or compare them here.
/// </summary>
internal sealed class SessionCheck(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<OmbudUser> signIn,
    ILoggerFactory logs,
    OmbudDb db,
    IEnumerable<ISignInClaims> modules)
    : SecurityStampValidator<OmbudUser>(options, signIn, logs)
{
    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var now = TimeProvider.GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued <= Options.ValidationInterval)
        {
            return;
        }

        var claimTypes = SignInManager.Options.ClaimsIdentity;
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(claimTypes.UserIdClaimType);
        var account = userId is null ? null : await Reads.For(db).Account(db, userId, context.HttpContext.RequestAborted);
        if (principal is null || account is null || !account.Admits(principal.FindFirstValue(claimTypes.SecurityStampClaimType), now))
        {
            context.RejectPrincipal();
            await SignInManager.SignOutAsync();
            await context.HttpContext.SignOutAsync(IdentityConstants.TwoFactorRememberMeScheme);
            return;
        }

        if (await CarriesAsync(principal, account, userId!))
        {
            // With an interval set, the cookie is issued anew so that it is trusted for that long again; with none (the
            // default) there is nothing to gain from sealing and sending it again.
            context.ShouldRenew = Options.ValidationInterval > TimeSpan.Zero;
            return;
        }

        if (await SignInManager.UserManager.FindByIdAsync(userId!) is { } user)
        {
            await SecurityStampVerified(user, context);
        }
        else
        {
            context.RejectPrincipal();
        }
    }

    /// <summary>
    /// Whether a session with <paramref name="principal"/> still stands now: its account exists, has the stamp the
    /// session carries and is not locked out. For what checks a session without a request (an open interactive page).
    /// </summary>
    internal static async Task<bool> AdmitsAsync(OmbudDb db, ClaimsIdentityOptions claimTypes, ClaimsPrincipal principal, DateTimeOffset now,
        CancellationToken ct) =>
        principal.FindFirstValue(claimTypes.UserIdClaimType) is { } userId && await Reads.For(db).Account(db, userId, ct) is { } account
        && account.Admits(principal.FindFirstValue(claimTypes.SecurityStampClaimType), now);

    /// <summary>Whether the session carries exactly the roles, names, links and module claims the account has now.</summary>
    private async Task<bool> CarriesAsync(ClaimsPrincipal principal, SessionAccount account, string userId)
    {
        var claimTypes = SignInManager.Options.ClaimsIdentity;
        // With Identity's role claim type, as the principal it builds at sign-in: modules ask the identity for its roles.
        var current = new ClaimsIdentity(null, claimTypes.UserNameClaimType, claimTypes.RoleClaimType);
        if (account.UserName is { } name)
        {
            current.AddClaim(new Claim(claimTypes.UserNameClaimType, name));
        }

        if (account.Email is { } email)
        {
            current.AddClaim(new Claim(claimTypes.EmailClaimType, email));
        }

        current.AddClaims(account.Roles.Select(role => new Claim(claimTypes.RoleClaimType, role)));
        current.AddClaims(SignInClaims.Links(account.CustomerId, account.MerchantId, account.IsDemo));
        var compared = new HashSet<string>([claimTypes.UserNameClaimType, claimTypes.EmailClaimType, claimTypes.RoleClaimType, .. SignInClaims.LinkTypes], StringComparer.Ordinal);
        foreach (var module in modules)
        {
            compared.UnionWith(module.ClaimTypes);
            await module.AddAsync(userId, current);
        }

        return Comparable(principal.Claims, compared).SequenceEqual(Comparable(current.Claims, compared), StringComparer.Ordinal);
    }

    private static IEnumerable<string> Comparable(IEnumerable<Claim> claims, HashSet<string> types) =>
        claims.Where(c => types.Contains(c.Type)).Select(c => $"{c.Type}\n{c.Value}").Order(StringComparer.Ordinal);

    /// <summary>The account as the check reads it, compiled once per EF model (see <c>CycleReads</c>).</summary>
    private sealed class Reads
    {
        private static readonly PerModel<Reads> ByModel = new(_ => new Reads());

        public static Reads For(OmbudDb db) => ByModel.For(db);

        public Func<OmbudDb, string, CancellationToken, Task<SessionAccount?>> Account { get; } = EF.CompileAsyncQuery((OmbudDb db, string id, CancellationToken ct) =>
            db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new SessionAccount(
                u.SecurityStamp, u.LockoutEnabled, u.LockoutEnd, u.UserName, u.Email, u.CustomerId, u.MerchantId, u.IsDemo,
                db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList()))
            .SingleOrDefault());
    }
}

/// <summary>What a session is checked against: the account's stamp, lock-out, names, links and roles.</summary>
internal sealed record SessionAccount(
    string? SecurityStamp, bool LockoutEnabled, DateTimeOffset? LockoutEnd, string? UserName, string? Email,
    Guid? CustomerId, Guid? MerchantId, bool IsDemo, List<string> Roles)
{
    /// <summary>A session with <paramref name="stamp"/> still stands: the stamp is the account's, and it is not locked out (as Identity's <c>IsLockedOutAsync</c>).</summary>
    public bool Admits(string? stamp, DateTimeOffset now) =>
        stamp == SecurityStamp && !(LockoutEnabled && LockoutEnd is { } end && end > now);
}

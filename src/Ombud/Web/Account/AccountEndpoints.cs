using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Http;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Web.Account;

/// <summary>
/// Signing people in and out. Plain HTML form posts answered with redirects: they work without a circuit, and the
/// cookie is set on an ordinary response. Every attempt, failed or not, is audited; passwords never are.
/// </summary>
internal static class AccountEndpoints
{
    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapPost("/signin", SignInWithPasswordAsync).RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/signin/demo", SignInAsDemoAsync);
        account.MapPost("/signin/external", ChallengeExternalAsync);
        account.MapGet("/signin/external/callback", ExternalCallbackAsync);
        app.MapPost("/signout", SignOutAsync).ExcludeFromDescription();
    }

    private static async Task<RedirectHttpResult> SignInWithPasswordAsync(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http,
        SignInManager<OmbudUser> signIn, SignInThrottle throttle, DemoMode demo, SignInAudit audit, CancellationToken cancellationToken)
    {
        email = email?.Trim() ?? "";
        if (throttle.IsHeld(email, http))
        {
            await audit.FailedAsync(null, "password", "too many wrong passwords from this address", cancellationToken);
            return SignInPage.WithError(SignInError.TooManyTries, returnUrl);
        }

        // A demo account outside demo mode is no account at all. An unknown email costs the same password hash as a
        // known one, and both answer the same, so neither the page nor its timing says which emails have accounts.
        var user = email.Length == 0 ? null : await signIn.UserManager.FindByEmailAsync(email);
        if (user is { IsDemo: true } && !demo.IsOn)
        {
            user = null;
        }

        if (user is null || string.IsNullOrEmpty(password))
        {
            UnknownAccount.SpendAsMuchAsAPasswordCheck(signIn.UserManager, password);
            throttle.Failed(email, http);
            await audit.FailedAsync(null, "password", "no account with that email", cancellationToken);
            return SignInPage.WithError(SignInError.Invalid, returnUrl);
        }

        // Identity's lockout stays off: it would let anyone lock any account; SignInThrottle holds the guesser instead.
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            var (error, reason) = result switch
            {
                // Identity checks confirmation before the password; saying "not confirmed" to a wrong password would tell
                // anyone which e-mails signed up.
                { IsNotAllowed: true } when await signIn.UserManager.CheckPasswordAsync(user, password) => (SignInError.NotAllowed, "not confirmed"),
                // An admin revoked the access. Said like a wrong password: Identity checks the lock before the password,
                // so telling it would show anyone which e-mails are locked.
                { IsLockedOut: true } => (SignInError.Invalid, "access revoked"),
                _ => (SignInError.Invalid, "wrong password"),
            };
            throttle.Failed(email, http);
            await audit.FailedAsync(user, "password", reason, cancellationToken);
            return SignInPage.WithError(error, returnUrl);
        }

        await audit.SignedInAsync(user, "password", cancellationToken);
        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    /// <summary>One click on the sign-in page: only in demo mode, and only accounts marked as demo accounts.</summary>
    private static async Task<RedirectHttpResult> SignInAsDemoAsync(
        [FromForm] string? userId, [FromForm] string? returnUrl, DemoMode demo,
        SignInManager<OmbudUser> signIn, SignInAudit audit, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(userId) || !demo.IsOn ? null : await signIn.UserManager.FindByIdAsync(userId);
        if (user is { IsDemo: true } && await signIn.UserManager.IsLockedOutAsync(user))
        {
            await audit.FailedAsync(user, "demo", "access revoked", cancellationToken);
            return SignInPage.WithError(SignInError.Invalid, returnUrl);
        }

        if (user is not { IsDemo: true })
        {
            await audit.FailedAsync(user, "demo", demo.IsOn ? "not a demo account" : "not in demo mode", cancellationToken);
            return SignInPage.WithError(SignInError.NotDemo, returnUrl);
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "demo");
        await audit.SignedInAsync(user, "demo", cancellationToken);
        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    private static async Task<IResult> ChallengeExternalAsync(
        [FromForm] string? returnUrl, SignInManager<OmbudUser> signIn, IAuthenticationSchemeProvider schemes)
    {
        if (await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is null)
        {
            return SignInPage.WithError(SignInError.ExternalUnavailable, returnUrl);
        }

        var callback = $"/account/signin/external/callback?returnUrl={Uri.EscapeDataString(LocalUrl.OrHome(returnUrl))}";
        var properties = signIn.ConfigureExternalAuthenticationProperties(OpenIdConnectDefaults.AuthenticationScheme, callback);
        return TypedResults.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
    }

    private static async Task<RedirectHttpResult> ExternalCallbackAsync(
        string? returnUrl, SignInManager<OmbudUser> signIn, SignInAudit audit, CancellationToken cancellationToken)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return SignInPage.WithError(SignInError.ExternalUnknown, returnUrl);
        }

        var method = $"external:{info.LoginProvider}";
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        var user = await signIn.UserManager.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (!result.Succeeded && user is null)
        {
            user = await LinkByVerifiedEmailAsync(signIn.UserManager, info);
            if (user is not null)
            {
                await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: info.LoginProvider);
                result = Microsoft.AspNetCore.Identity.SignInResult.Success;
            }
        }

        await signIn.Context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!result.Succeeded || user is null)
        {
            await audit.FailedAsync(user, method, "no Ombud account linked", cancellationToken);
            return SignInPage.WithError(SignInError.ExternalUnknown, returnUrl);
        }

        await audit.SignedInAsync(user, method, cancellationToken);
        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    /// <summary>
    /// A first external sign-in joins the Ombud account with the same email, but only when the identity provider says
    /// it verified that email: otherwise anyone who can register that address at the provider would get the account.
    /// </summary>
    private static async Task<OmbudUser?> LinkByVerifiedEmailAsync(UserManager<OmbudUser> users, ExternalLoginInfo info)
    {
        var email = info.Principal.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? info.Principal.FindFirst("email")?.Value;
        var verified = string.Equals(info.Principal.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        if (email is null || !verified || await users.FindByEmailAsync(email) is not { } user || await users.IsLockedOutAsync(user))
        {
            return null;
        }

        return (await users.AddLoginAsync(user, info)).Succeeded ? user : null;
    }

    private static async Task<IResult> SignOutAsync(
        HttpContext http, IAntiforgery antiforgery, SignInManager<OmbudUser> signIn, SignInAudit audit, CancellationToken cancellationToken)
    {
        // No form fields to bind, so the framework would not check the token by itself: a cross-site form could sign people out.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }

        var user = await signIn.UserManager.GetUserAsync(http.User);
        await signIn.SignOutAsync();
        if (user is not null)
        {
            await audit.SignedOutAsync(user, cancellationToken);
        }

        return TypedResults.LocalRedirect("/signin");
    }
}

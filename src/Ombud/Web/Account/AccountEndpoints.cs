using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Ombud.Platform.Audit;
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
        account.MapPost("/signin", SignInWithPasswordAsync);
        account.MapPost("/signin/demo", SignInAsDemoAsync);
        account.MapPost("/signin/external", ChallengeExternalAsync);
        account.MapGet("/signin/external/callback", ExternalCallbackAsync);
        app.MapPost("/signout", SignOutAsync).ExcludeFromDescription();
    }

    private static async Task<RedirectHttpResult> SignInWithPasswordAsync(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<OmbudUser> signIn, SignInAudit audit, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is null || string.IsNullOrEmpty(password))
        {
            await audit.FailedAsync(null, "password", "no account with that email", cancellationToken);
            return SignInPage.WithError(SignInError.Invalid, returnUrl);
        }

        // Lockout on: ten wrong passwords in a row lock the account for a while (Identity's options in AuthSetup).
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            var (error, reason) = result switch
            {
                { IsLockedOut: true } => (SignInError.LockedOut, "locked out"),
                { IsNotAllowed: true } => (SignInError.NotAllowed, "not allowed"),
                _ => (SignInError.Invalid, "wrong password"),
            };
            await audit.FailedAsync(user, "password", reason, cancellationToken);
            return SignInPage.WithError(error, returnUrl);
        }

        await audit.SignedInAsync(user, "password", cancellationToken);
        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    /// <summary>One click on the sign-in page: only accounts marked as demo accounts can be entered this way.</summary>
    private static async Task<RedirectHttpResult> SignInAsDemoAsync(
        [FromForm] string? userId, [FromForm] string? returnUrl,
        SignInManager<OmbudUser> signIn, SignInAudit audit, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await signIn.UserManager.FindByIdAsync(userId);
        if (user is not { IsDemo: true })
        {
            await audit.FailedAsync(user, "demo", "not a demo account", cancellationToken);
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
        if (email is null || !verified || await users.FindByEmailAsync(email) is not { } user)
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

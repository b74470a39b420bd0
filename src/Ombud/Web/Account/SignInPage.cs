using Microsoft.AspNetCore.Http.HttpResults;

namespace Ombud.Web.Account;

/// <summary>Why the sign-in page is shown again. The code travels in the query string, so the message is the page's to word.</summary>
internal enum SignInError
{
    Invalid,
    TooManyTries,
    NotAllowed,
    NotDemo,
    ExternalUnavailable,
    ExternalUnknown,
}

internal static class SignInPage
{
    public const string Path = "/signin";

    public static RedirectHttpResult WithError(SignInError error, string? returnUrl)
    {
        var query = $"?error={Code(error)}";
        if (LocalUrl.IsLocal(returnUrl) && returnUrl != "/")
        {
            query += $"&ReturnUrl={Uri.EscapeDataString(returnUrl!)}";
        }

        return TypedResults.LocalRedirect(Path + query);
    }

    public static string Code(SignInError error) => error switch
    {
        SignInError.Invalid => "invalid",
        SignInError.TooManyTries => "too-many-tries",
        SignInError.NotAllowed => "not-allowed",
        SignInError.NotDemo => "not-demo",
        SignInError.ExternalUnavailable => "external-unavailable",
        SignInError.ExternalUnknown => "external-unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    public static string? Message(string? code) => code switch
    {
        "invalid" => "That email and password do not match an account. Check both and try again.",
        "too-many-tries" => "Too many wrong passwords from here. Wait a few minutes and try again.",
        "not-allowed" => "This account is not confirmed yet. Open the link in the e-mail we sent you when you signed up, then sign in.",
        "not-demo" => "That account is not a demo account, so it cannot be entered with one click. Sign in with its password.",
        "external-unavailable" => "Sign-in with your organisation is not set up on this server.",
        "external-unknown" => "Your organisation signed you in, but no Ombud account is linked to you. Ask an administrator for one.",
        _ => null,
    };
}

using Microsoft.AspNetCore.Identity;
using Ombud.Platform.Auth;

namespace Ombud.Web.Account;

/// <summary>A sign-in for an email no account has does the work of a real password check, so timing tells nothing.</summary>
internal static class UnknownAccount
{
    private static readonly OmbudUser Nobody = new() { Id = "unknown" };
    private static string? _hash;

    public static void SpendAsMuchAsAPasswordCheck(UserManager<OmbudUser> users, string? password)
    {
        var hash = _hash ??= users.PasswordHasher.HashPassword(Nobody, "not-a-password-anyone-has-0");
        users.PasswordHasher.VerifyHashedPassword(Nobody, hash, password ?? "");
    }
}

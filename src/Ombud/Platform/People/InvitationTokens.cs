using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Ombud.Platform.Auth;

namespace Ombud.Platform.People;

/// <summary>
/// Identity's token provider for invitations: the token is the account's id, its security stamp and an expiry,
/// sealed by the data-protection key ring (so every node reads it). Setting the password changes the stamp, so a link
/// works once. Unlike Identity's own <see cref="DataProtectorTokenProvider{TUser}"/>, the expiry is read from
/// <see cref="TimeProvider"/>, and the lifetime is the invitation's own (<see cref="PeopleOptions.InvitationLifetime"/>),
/// not the password-reset one.
/// </summary>
internal sealed class InvitationTokens(IDataProtectionProvider dataProtection, IOptions<PeopleOptions> options, TimeProvider clock)
    : IUserTwoFactorTokenProvider<OmbudUser>
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "set-password";

    public const string ProtectorPurpose = "Ombud.Platform.People.Invitation.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);

    public async Task<string> GenerateAsync(string purpose, UserManager<OmbudUser> manager, OmbudUser user)
    {
        var expires = (clock.GetUtcNow().UtcDateTime + options.Value.InvitationLifetime).Ticks.ToString(CultureInfo.InvariantCulture);
        var stamp = await manager.GetSecurityStampAsync(user);
        return _protector.Protect(string.Join('\n', expires, user.Id, purpose, stamp));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<OmbudUser> manager, OmbudUser user)
    {
        string[] parts;
        try
        {
            parts = _protector.Unprotect(token).Split('\n');
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }

        return parts.Length == 4
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && expires > clock.GetUtcNow().UtcDateTime.Ticks
            && parts[1] == user.Id
            && parts[2] == purpose
            && parts[3] == await manager.GetSecurityStampAsync(user);
    }

    /// <summary>
    /// On a fresh install (the first admin, invited from the CLI) a token is the key ring's first use, which stores its
    /// first key through a connection of its own; inside a unit of work's SQLite transaction that write would wait on our
    /// own lock. Using the ring once before the transaction makes the key first.
    /// </summary>
    public static void PrepareKeyRing(IDataProtectionProvider dataProtection) => dataProtection.CreateProtector(ProtectorPurpose).Protect("ready");

    /// <summary>Never a second factor: this provider only makes invitation links.</summary>
    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<OmbudUser> manager, OmbudUser user) => Task.FromResult(false);
}

/// <summary>Section <c>Ombud:People</c>: how people are invited.</summary>
public sealed class PeopleOptions
{
    public const string Section = "Ombud:People";

    /// <summary>How long an invitation's set-password link works; 72 hours unless set.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromHours(72);
}

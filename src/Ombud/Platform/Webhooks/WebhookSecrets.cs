using Microsoft.AspNetCore.DataProtection;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// Keeps endpoint secrets encrypted at rest with ASP.NET Data Protection, whose keys every node shares through the
/// database. Unlike API keys, a webhook secret cannot be stored as a hash: Ombud needs it back to sign.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Ombud.Platform.Webhooks.EndpointSecret.v1");

    /// <summary>A new secret, in the clear (shown to its owner once) and encrypted (stored).</summary>
    public (string Secret, string Protected) New()
    {
        var secret = WebhookSignature.NewSecret();
        return (secret, _protector.Protect(secret));
    }

    public string Reveal(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

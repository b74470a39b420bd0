using System.Security.Cryptography;
using System.Text;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// Signing per the Standard Webhooks specification (standardwebhooks.com): the secret is <c>whsec_</c> followed by
/// base64 key bytes; the signature is <c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c> under those
/// bytes; several signatures (during a rotation) are separated by spaces. Any reference library verifies it.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    private const int KeyBytes = 32;

    /// <summary>A new secret: 32 random bytes, as the specification's 24–64 allow.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The <c>webhook-signature</c> header value: one <c>v1,…</c> per secret, in the order given.</summary>
    public static string Sign(IEnumerable<string> secrets, string webhookId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, webhookId, timestamp, body)));

    public static string Sign(string secret, string webhookId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}

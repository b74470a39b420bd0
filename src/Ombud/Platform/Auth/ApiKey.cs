using System.Security.Cryptography;
using System.Text;

namespace Ombud.Platform.Auth;

/// <summary>
/// A credential for a provider's system. Only a SHA-256 hash of the secret is stored: the key is 256 random bits,
/// so a fast hash is as strong as a slow one here and keeps every request's check cheap.
/// </summary>
public sealed class ApiKey
{
    public const string Prefix = "ombud_";

    private ApiKey()
    {
    }

    private ApiKey(Guid id, string name, string hash, string lookup, IEnumerable<string> scopes, DateTime createdAt)
    {
        Id = id;
        Name = name;
        Hash = hash;
        Lookup = lookup;
        Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The first characters of the key, indexed, so a request finds its row without scanning.</summary>
    public string Lookup { get; private set; } = "";

    public string Hash { get; private set; } = "";

    /// <summary>Space-separated scopes, e.g. <c>ingest risk merchant:0193…</c>.</summary>
    public string Scopes { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Makes a new key; the secret is returned once and never stored.</summary>
    public static (ApiKey Key, string Secret) Create(string name, IEnumerable<string> scopes, DateTime createdAt)
    {
        var secret = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (new ApiKey(Guid.CreateVersion7(createdAt), name, HashOf(secret), LookupOf(secret), scopes, createdAt), secret);
    }

    public void Revoke(DateTime at) => RevokedAt ??= at;

    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash), Encoding.ASCII.GetBytes(HashOf(secret)));

    /// <summary>
    /// The shape <see cref="Create"/> gives every key: the prefix and 64 lower-case hex digits. Anything else is refused
    /// before the database or any cache sees it, so a stranger's junk costs nothing to hold.
    /// </summary>
    public static bool IsWellFormed(string secret) =>
        secret.Length == Prefix.Length + 64
        && secret.StartsWith(Prefix, StringComparison.Ordinal)
        && !secret.AsSpan(Prefix.Length).ContainsAnyExcept(LowerHex);

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string LookupOf(string secret) => secret.Length >= Prefix.Length + 12 ? secret[..(Prefix.Length + 12)] : secret;

    internal static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

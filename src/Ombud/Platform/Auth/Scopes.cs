namespace Ombud.Platform.Auth;

/// <summary>What an API key may do. <c>merchant:&lt;id&gt;</c> lets a merchant's system act on its own disputes only.</summary>
public static class Scopes
{
    public const string Ingest = "ingest";
    public const string Risk = "risk";
    public const string Admin = "admin";
    public const string MerchantPrefix = "merchant:";

    public const string ClaimType = "scope";

    public static bool IsValid(string scope) =>
        scope is Ingest or Risk or Admin
        || (scope.StartsWith(MerchantPrefix, StringComparison.Ordinal) && Guid.TryParse(scope[MerchantPrefix.Length..], out _));

    public static string ForMerchant(Guid merchantId) => MerchantPrefix + merchantId;
}

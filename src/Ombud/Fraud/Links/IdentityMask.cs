using Ombud.Commerce.Contracts;

namespace Ombud.Fraud.Links;

/// <summary>
/// How an identity shows in the link graph: enough to tell two apart and to recognise one already seen on the case,
/// not enough to copy another customer's e-mail, phone or home address out of the page. The graph links on the full
/// value; only what leaves the service is masked.
/// </summary>
internal static class IdentityMask
{
    private const string Hidden = "•••";

    public static string Mask(SharedIdentifier kind, string key) => kind switch
    {
        SharedIdentifier.Email => Email(key),
        SharedIdentifier.Phone => key.Length <= 2 ? Hidden : Hidden + key[^2..],
        SharedIdentifier.IpAddress => Ip(key),
        SharedIdentifier.ShippingAddress => Address(key),
        _ => key.Length <= 8 ? key : key[..8] + "…",
    };

    /// <summary><c>anna.svensson@example.se</c> → <c>a•••@example.se</c>: the domain says a lot (throwaway or not), the name little.</summary>
    private static string Email(string key) => Platform.Mail.RecipientMask.Mask(key, Hidden);

    /// <summary>The network, not the host: <c>81.2.69.160</c> → <c>81.2.69.•••</c>; IPv6 keeps its first four groups.</summary>
    private static string Ip(string key)
    {
        if (key.Contains(':', StringComparison.Ordinal))
        {
            var groups = key.Split(':');
            return string.Join(':', groups.Take(Math.Min(4, groups.Length - 1))) + ":" + Hidden;
        }

        var dot = key.LastIndexOf('.');
        return dot < 0 ? Hidden : key[..(dot + 1)] + Hidden;
    }

    /// <summary>The normalised <c>street|postcode|country</c> shortened to the street's start, the postcode's area and the country.</summary>
    private static string Address(string key)
    {
        var parts = key.Split('|');
        if (parts.Length != 3)
        {
            return Hidden;
        }

        var street = parts[0].Length <= 4 ? parts[0] : parts[0][..4] + "…";
        var area = parts[1].Length <= 2 ? parts[1] : parts[1][..2] + Hidden;
        return $"{(street.Length > 0 ? char.ToUpperInvariant(street[0]) + street[1..] : "")} {area} {parts[2]}".Trim();
    }
}

namespace Ombud.Fraud.Features;

/// <summary>
/// One purchase as the risk features see it, whether it came from Ombud's orders or from an event-history CSV: when
/// it happened, what it cost and who and what took part. Every identity is optional; a missing one is a reason
/// ("insufficient data"), never an error.
/// </summary>
/// <param name="AmountMinor">The total in minor units of <paramref name="Currency"/>; null when the source has no price.</param>
/// <param name="Label">True for confirmed fraud, false for confirmed legitimate, null when nobody knows yet.</param>
/// <param name="LabelledAt">When the label became known; labels count for later events only from then on.</param>
internal sealed record RiskEvent(
    string Id,
    DateTime At,
    long? AmountMinor,
    string? Currency,
    string? Customer,
    string? Device,
    string? Ip,
    string? Email,
    string? Phone,
    string? Card,
    string? BillingAddress,
    string? ShippingAddress,
    DateTime? AccountCreatedAt,
    string? MerchantCategory,
    bool? Label = null,
    DateTime? LabelledAt = null)
{
    /// <summary>The amount in the currency's major unit, for features only (a model input, not money kept).</summary>
    public double? AmountMajor => AmountMinor is { } minor
        ? minor / Math.Pow(10, Currency is not null && Platform.Currencies.IsKnown(Currency) ? Platform.Currencies.MinorUnitExponent(Currency) : 2)
        : null;

    /// <summary>The identities an entity-link feature follows, by kind.</summary>
    public IEnumerable<(EntityKind Kind, string Key)> Entities()
    {
        foreach (var kind in EntityKinds.All)
        {
            if (KeyOf(kind) is { Length: > 0 } key)
            {
                yield return (kind, key);
            }
        }
    }

    public string? KeyOf(EntityKind kind) => kind switch
    {
        EntityKind.Customer => Customer,
        EntityKind.Device => Device,
        EntityKind.Ip => Ip,
        EntityKind.Email => Email?.Trim().ToLowerInvariant(),
        EntityKind.Phone => Phone is null ? null : DigitsOf(Phone),
        EntityKind.Card => Card,
        EntityKind.ShippingAddress => ShippingAddress,
        _ => null,
    };

    /// <summary>
    /// A phone number's digits (the key two spellings of one number share), counted first and copied once: every
    /// decision asks for the key of each linked order and several times for its own.
    /// </summary>
    private static string DigitsOf(string phone)
    {
        var digits = 0;
        foreach (var c in phone)
        {
            digits += char.IsDigit(c) ? 1 : 0;
        }

        return digits == phone.Length ? phone : string.Create(digits, phone, static (key, from) =>
        {
            var at = 0;
            foreach (var c in from)
            {
                if (char.IsDigit(c))
                {
                    key[at++] = c;
                }
            }
        });
    }
}

/// <summary>The kinds of identity whose velocity and fraud history are features.</summary>
internal enum EntityKind
{
    Customer,
    Device,
    Ip,
    Email,
    Phone,
    Card,
    ShippingAddress,
}

internal static class EntityKinds
{
    public static readonly IReadOnlyList<EntityKind> All = Enum.GetValues<EntityKind>();

    /// <summary>Words for an analyst: "device", "shipping address".</summary>
    public static string Words(this EntityKind kind) => kind switch
    {
        EntityKind.Customer => "customer",
        EntityKind.Device => "device",
        EntityKind.Ip => "IP address",
        EntityKind.Email => "e-mail address",
        EntityKind.Phone => "phone number",
        EntityKind.Card => "card",
        EntityKind.ShippingAddress => "shipping address",
        _ => kind.ToString(),
    };

    /// <summary>A feature-name prefix: "device", "shipping_address".</summary>
    public static string Name(this EntityKind kind) => kind switch
    {
        EntityKind.ShippingAddress => "address",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

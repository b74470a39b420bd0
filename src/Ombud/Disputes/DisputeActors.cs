namespace Ombud.Disputes;

/// <summary>
/// Who did something to a dispute, as written on its transitions: the shopper as its customer, the merchant as itself
/// (whichever key or person spoke for it), Ombud's people and systems by user, key or "system".
/// </summary>
public static class DisputeActors
{
    public const string System = "system";

    public static string Customer(Guid customerId) => $"customer:{customerId}";

    public static string Merchant(Guid merchantId) => $"merchant:{merchantId}";

    public static string User(string userId) => $"user:{userId}";

    public static string Key(Guid keyId) => $"key:{keyId}";

    /// <summary>Which side of the dispute <paramref name="actor"/> is on.</summary>
    public static DisputeParty PartyOf(string actor) =>
        actor.StartsWith("customer:", StringComparison.Ordinal) ? DisputeParty.Shopper
        : actor.StartsWith("merchant:", StringComparison.Ordinal) ? DisputeParty.Merchant
        : DisputeParty.Staff;

    /// <summary>How <paramref name="viewer"/> is shown <paramref name="actor"/>: "you", "the store", "the shopper" or "Ombud".</summary>
    public static string Label(string actor, DisputeParty viewer) => (PartyOf(actor), viewer) switch
    {
        (DisputeParty.Shopper, DisputeParty.Shopper) or (DisputeParty.Merchant, DisputeParty.Merchant) => "you",
        (DisputeParty.Shopper, _) => "the shopper",
        (DisputeParty.Merchant, _) => "the store",
        _ => "Ombud",
    };
}

/// <summary>The sides of a dispute: the two parties, and the provider's staff who decide between them.</summary>
public enum DisputeParty
{
    Shopper,
    Merchant,
    Staff,
}

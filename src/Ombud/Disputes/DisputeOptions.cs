namespace Ombud.Disputes;

/// <summary>The dispute clocks that are business choices rather than law (section Ombud:Disputes).</summary>
public sealed class DisputeOptions
{
    public const string Section = "Ombud:Disputes";

    /// <summary>How long the shopper and the store have to settle before the provider investigates.</summary>
    public int StoreResolutionDays { get; set; } = 21;

    /// <summary>The same with a registered return: the parcel needs time to reach the store.</summary>
    public int StoreResolutionWithReturnDays { get; set; } = 28;

    /// <summary>The merchant's deadline to answer an unauthorised-purchase dispute: short, fraud goes cold.</summary>
    public int UnauthorisedMerchantDays { get; set; } = 7;

    public int MerchantDays { get; set; } = 21;

    /// <summary>A high-risk purchase: the merchant must stop delivery or respond before the goods go out.</summary>
    public int HighRiskMerchantHours { get; set; } = 96;

    /// <summary>After a preliminary loss, how long the merchant has to appeal to arbitration.</summary>
    public int AppealDays { get; set; } = 10;

    /// <summary>
    /// Per currency, in minor units: a not-received claim below this amount, answered with the parcel's carrier and
    /// tracking number, is decided for the merchant at once (proof of delivery) instead of waiting for staff. Around
    /// 100 EUR: below it an investigation costs more than the claim. A currency not listed always goes to staff.
    /// </summary>
    public Dictionary<string, long> ProofOfDeliveryThresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SEK"] = 100_000,
        ["NOK"] = 100_000,
        ["DKK"] = 75_000,
        ["EUR"] = 10_000,
        ["GBP"] = 10_000,
        ["USD"] = 10_000,
    };

    public RegulatoryPolicy Us { get; set; } = RegulatoryPolicy.UnitedStates();

    public RegulatoryPolicy Uk { get; set; } = RegulatoryPolicy.UnitedKingdom();

    public RegulatoryPolicy Eu { get; set; } = RegulatoryPolicy.EuropeanUnion();

    public RegulatoryPolicy Other { get; set; } = RegulatoryPolicy.Default();
}

namespace Ombud.Marketplace.Pay;

/// <summary>What agents are paid, per market and its currency (section <c>Ombud:Marketplace:Pay</c>; docs/marketplace.md).</summary>
public sealed class PayOptions
{
    public const string Section = "Ombud:Marketplace:Pay";

    /// <summary>The market agents are paid in (its currency and rates); agents have no market of their own yet.</summary>
    public string AgentMarket { get; set; } = "SE";

    /// <summary>Rates per market, by its two-letter code.</summary>
    public Dictionary<string, MarketPay> Markets { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // Klarna's pilot: at least 400 SEK an hour while online.
        ["SE"] = new() { Currency = "SEK", BaseMinor = 4_000, CsatBonusMinor = 2_000, FloorPerHourMinor = 40_000 },
    };

    /// <summary>The hour (UTC) the daily floor run tops up the day before.</summary>
    public int FloorHourUtc { get; set; } = 2;

    /// <summary>How many days back the floor run looks for a day not yet topped up (a node down for a day misses nothing).</summary>
    public int FloorLookbackDays { get; set; } = 7;

    /// <summary>
    /// Days the presence log (when each agent went online, away, offline) is kept: the floor reads it, and an agent may
    /// question a period's pay. Older changes go, but each agent's last one before the cut stays: it says their status then.
    /// </summary>
    public int PresenceLogDays { get; set; } = 400;

    /// <summary>The share of wrapped-up conversations sampled for staff review, in per mille (50 = 5 %).</summary>
    public int QaSamplePerMille { get; set; } = 50;

    /// <summary>How many of an agent's latest CSAT answers make their rating.</summary>
    public int RatingWindow { get; set; } = 50;

    public MarketPay AgentPay => Markets[AgentMarket];

    public bool IsValid() =>
        Markets.TryGetValue(AgentMarket, out var pay) && Markets.Values.All(m => m.IsValid()) && pay is not null
        && FloorHourUtc is >= 0 and <= 23 && FloorLookbackDays is >= 1 and <= 60 && PresenceLogDays > FloorLookbackDays && QaSamplePerMille is >= 0 and <= 1000 && RatingWindow >= 1;
}

/// <summary>One market's rates, in minor units of <see cref="Currency"/>.</summary>
public sealed class MarketPay
{
    public string Currency { get; set; } = "";

    /// <summary>Paid for every wrapped-up conversation.</summary>
    public long BaseMinor { get; set; }

    /// <summary>Added for harder conversations, by the skill the hand-off needed (payments, fraudFirstResponse …).</summary>
    public Dictionary<string, long> ComplexityMinor { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Paid as a later entry when the shopper gives the conversation five stars.</summary>
    public long CsatBonusMinor { get; set; }

    /// <summary>The least an agent earns per hour online and available; the daily run tops up the difference.</summary>
    public long FloorPerHourMinor { get; set; }

    public long ComplexityOf(Skill skill) =>
        ComplexityMinor.FirstOrDefault(c => Skills.Parse(c.Key) == skill).Value;

    public bool IsValid() =>
        Platform.Currencies.IsKnown(Currency) && BaseMinor >= 0 && CsatBonusMinor >= 0 && FloorPerHourMinor >= 0
        && ComplexityMinor.All(c => Skills.Parse(c.Key) is not null && c.Value >= 0);
}

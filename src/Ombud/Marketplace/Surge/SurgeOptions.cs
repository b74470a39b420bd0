namespace Ombud.Marketplace.Surge;

/// <summary>
/// How demand against supply becomes a surge level and a pay multiplier (section <c>Ombud:Marketplace:Surge</c>;
/// docs/marketplace.md, "Surge"). Pressure is in per mille: the work in hand and expected (held, waiting and the
/// arrivals forecast over one handle time) against the online agents' capacity.
/// </summary>
public sealed class SurgeOptions
{
    public const string Section = "Ombud:Marketplace:Surge";

    /// <summary>How often the level is worked out again (a durable timer).</summary>
    public int ReviewSeconds { get; set; } = 30;

    /// <summary>
    /// How long a node keeps the supply it worked out (the snapshot, who is online, who waits) for the staff page and the
    /// shoppers' wait estimates; 0 works it out on every read. The level's review always reads afresh.
    /// </summary>
    public int SnapshotSeconds { get; set; } = 5;

    /// <summary>The sliding window arrivals per minute are counted over.</summary>
    public int ArrivalWindowMinutes { get; set; } = 15;

    /// <summary>The weight of the latest minute in the forecast (exponentially weighted arrivals), per mille.</summary>
    public int ForecastWeightPerMille { get; set; } = 300;

    /// <summary>The window the recent handle time is measured over; without any conversation in it, <see cref="DefaultHandleSeconds"/>.</summary>
    public int HandleWindowMinutes { get; set; } = 60;

    public int DefaultHandleSeconds { get; set; } = 300;

    /// <summary>Pressure (per mille) from which the level is busy, surge, high surge.</summary>
    public int BusyAtPerMille { get; set; } = 700;

    public int SurgeAtPerMille { get; set; } = 900;

    public int HighSurgeAtPerMille { get; set; } = 1200;

    /// <summary>A level is left downwards only once the pressure is this far below where it starts, so it does not flap.</summary>
    public int HysteresisPerMille { get; set; } = 100;

    /// <summary>The pay multiplier per level, per market (the market agents are paid in), in per mille.</summary>
    public Dictionary<string, SurgeMultipliers> Markets { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SE"] = new(),
    };

    /// <summary>An opted-in offline agent is e-mailed at most once in this many hours when it surges.</summary>
    public int CallEveryHours { get; set; } = 4;

    public int Threshold(SurgeLevel level) => level switch
    {
        SurgeLevel.Busy => BusyAtPerMille,
        SurgeLevel.Surge => SurgeAtPerMille,
        SurgeLevel.HighSurge => HighSurgeAtPerMille,
        _ => 0,
    };

    public int MultiplierPerMille(string market, SurgeLevel level) =>
        Markets.TryGetValue(market, out var multipliers) ? multipliers.Of(level) : SurgeMultipliers.None;

    public bool IsValid() =>
        ReviewSeconds >= 1 && SnapshotSeconds is >= 0 and <= 60 && ArrivalWindowMinutes is >= 1 and <= 240 && ForecastWeightPerMille is >= 1 and <= 1000 && HandleWindowMinutes >= 1
        && DefaultHandleSeconds >= 1 && BusyAtPerMille >= 1 && SurgeAtPerMille > BusyAtPerMille && HighSurgeAtPerMille > SurgeAtPerMille
        && HysteresisPerMille >= 0 && HysteresisPerMille < BusyAtPerMille && CallEveryHours >= 1 && Markets.Values.All(m => m.IsValid());
}

/// <summary>One market's pay multipliers per level, in per mille (1000 = paid as usual), never falling as the level rises.</summary>
public sealed class SurgeMultipliers
{
    public const int None = 1000;

    public int Busy { get; set; } = 1100;

    public int Surge { get; set; } = 1250;

    public int HighSurge { get; set; } = 1500;

    public int Of(SurgeLevel level) => level switch
    {
        SurgeLevel.Busy => Busy,
        SurgeLevel.Surge => Surge,
        SurgeLevel.HighSurge => HighSurge,
        _ => None,
    };

    public bool IsValid() => Busy >= None && Surge >= Busy && HighSurge >= Surge && HighSurge <= 10_000;
}

/// <summary>How stretched the marketplace is; each level pays its market's multiplier.</summary>
public enum SurgeLevel
{
    None,
    Busy,
    Surge,
    HighSurge,
}

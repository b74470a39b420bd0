namespace Ombud.Marketplace.Surge;

/// <summary>
/// The surge level now, one row per market, as the last review left it: what dispatch records on an offer, and where
/// the next review starts from (the hysteresis needs the level before). Checked on save, so two nodes reviewing at
/// once cannot both change it.
/// </summary>
public sealed class SurgeState
{
    private SurgeState()
    {
    }

    public SurgeState(string market, DateTime at)
    {
        Market = market;
        Level = SurgeLevel.None;
        PerMille = SurgeMultipliers.None;
        Since = at;
        ReviewedAt = at;
    }

    /// <summary>The two-letter market agents are paid in.</summary>
    public string Market { get; private set; } = "";

    public SurgeLevel Level { get; private set; }

    /// <summary>The pay multiplier of <see cref="Level"/> in the market, per mille.</summary>
    public int PerMille { get; private set; }

    /// <summary>The pressure the last review found, per mille (see <see cref="SurgeRules.Pressure"/>).</summary>
    public int PressurePerMille { get; private set; }

    /// <summary>Since when the level is what it is.</summary>
    public DateTime Since { get; private set; }

    public DateTime ReviewedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>Records a review; true when the level changed.</summary>
    public bool Review(SurgeLevel level, int perMille, int pressurePerMille, DateTime at)
    {
        var changed = level != Level || perMille != PerMille;
        if (changed)
        {
            Level = level;
            PerMille = perMille;
            Since = at;
        }

        PressurePerMille = pressurePerMille;
        ReviewedAt = at;
        Version++;
        return changed;
    }
}

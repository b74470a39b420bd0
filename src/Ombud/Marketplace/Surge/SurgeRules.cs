namespace Ombud.Marketplace.Surge;

/// <summary>
/// The level from the pressure, with hysteresis: a level is reached as soon as the pressure reaches its threshold, and
/// left downwards only once the pressure falls <see cref="SurgeOptions.HysteresisPerMille"/> below it, so a pressure
/// hovering at a threshold does not flap between two levels (and two pay rates).
/// </summary>
public static class SurgeRules
{
    /// <summary>Pressure when work waits and nobody is online at all: above any threshold.</summary>
    public const int NoSupplyPerMille = int.MaxValue;

    public static int Pressure(double demand, int capacity) => capacity > 0
        ? (int)Math.Min(NoSupplyPerMille - 1L, (long)Math.Round(demand * 1000 / capacity))
        : demand > 0 ? NoSupplyPerMille : 0;

    public static SurgeLevel Next(SurgeLevel current, int pressurePerMille, SurgeOptions options)
    {
        var reached = Levels.LastOrDefault(l => pressurePerMille >= options.Threshold(l));
        if (reached >= current)
        {
            return reached;
        }

        // Going down: stay on each level until the pressure is clearly below where it starts.
        var level = current;
        while (level > SurgeLevel.None && pressurePerMille < options.Threshold(level) - options.HysteresisPerMille)
        {
            level--;
        }

        return level;
    }

    private static readonly SurgeLevel[] Levels = Enum.GetValues<SurgeLevel>();
}

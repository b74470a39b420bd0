using Ombud.Marketplace.Simulation;

namespace Ombud.Marketplace.Surge;

/// <summary>
/// Demand against supply at one moment: who waits (by skill and language), how fast hand-offs arrive and are expected
/// to, against the online agents' capacity and the recent handle time; the pressure and the level it gives.
/// </summary>
/// <param name="ArrivalsPerMinute">Hand-offs per minute over the last <see cref="SurgeOptions.ArrivalWindowMinutes"/>.</param>
/// <param name="ForecastPerMinute">The short forecast: arrivals per minute weighted towards the latest minutes.</param>
/// <param name="PressurePerMille">Held + waiting + forecast arrivals over one handle time, against the online capacity (per mille); null when nobody is online and work waits.</param>
/// <param name="Level">The level the last review recorded (what offers record now).</param>
/// <param name="ErlangCMeanWaitSeconds">What Erlang C predicts for the forecast with the online capacity as agents; null when the load is at or above it.</param>
public sealed record SupplySnapshot(
    DateTime At,
    string Market,
    int Waiting,
    IReadOnlyList<WaitingGroup> WaitingBy,
    double ArrivalsPerMinute,
    double ForecastPerMinute,
    int AgentsOnline,
    int Capacity,
    int FreeCapacity,
    int Held,
    IReadOnlyList<SkillSupply> SupplyBySkill,
    int HandleSeconds,
    int? PressurePerMille,
    SurgeLevel Level,
    int MultiplierPerMille,
    DateTime LevelSince,
    double? ErlangCMeanWaitSeconds)
{
    /// <summary>The demand side in conversations: held, waiting and the forecast arrivals over one handle time.</summary>
    public static double Demand(int held, int waiting, double forecastPerMinute, int handleSeconds) =>
        held + waiting + forecastPerMinute * handleSeconds / 60.0;

    public static double? ErlangCWait(double forecastPerMinute, int handleSeconds, int capacity) =>
        forecastPerMinute <= 0 ? 0 : ErlangC.For(forecastPerMinute / 60.0, handleSeconds, capacity)?.MeanWaitSeconds;
}

public sealed record WaitingGroup(Skill Skill, string Language, int Count);

/// <summary>Online agents certified in a skill and the capacity they have free now.</summary>
public sealed record SkillSupply(Skill Skill, int AgentsOnline, int FreeCapacity);

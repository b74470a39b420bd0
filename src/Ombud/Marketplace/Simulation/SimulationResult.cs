using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ombud.Marketplace.Simulation;

/// <summary>
/// What a simulation measured, beside what Erlang C predicts for the same inputs. The service level is the share of
/// hand-offs offered (after the warm-up) that were answered within 20 seconds; the mean wait is over those answered.
/// </summary>
internal sealed record SimulationResult(SimulationSettings Settings, long Offered, long Answered, long Abandoned, double ServiceLevel,
    double MeanWaitSeconds, double AbandonmentRate, double Occupancy, ErlangC? Prediction)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(new
    {
        service_level = Round(ServiceLevel),
        mean_wait_s = Round(MeanWaitSeconds),
        abandonment_rate = Round(AbandonmentRate),
        occupancy = Round(Occupancy),
        offered = Offered,
        answered = Answered,
        abandoned = Abandoned,
        erlang_c_service_level = Prediction is null ? (double?)null : Round(Prediction.ServiceLevel(SimulationSettings.ServiceLevelSeconds)),
        erlang_c_mean_wait_s = Prediction is null ? (double?)null : Round(Prediction.MeanWaitSeconds),
        erlang_c_occupancy = Prediction is null ? (double?)null : Round(Prediction.Occupancy),
        traffic_erlangs = Round(Settings.ArrivalsPerMinute / 60 * Settings.HandlingSeconds),
        service_level_threshold_s = SimulationSettings.ServiceLevelSeconds,
        arrival_rate_per_min = Settings.ArrivalsPerMinute,
        aht_s = Settings.HandlingSeconds,
        agents = Settings.Agents,
        minutes = Settings.Minutes,
        warm_up_minutes = Settings.WarmUpSeconds / 60,
        skills = Settings.Skills.ToString().ToLowerInvariant(),
        dispatch = Settings.Dispatch.ToString().ToLowerInvariant(),
        patience_s = Settings.PatienceSeconds,
        seed = Settings.Seed,
    }, Json);

    /// <summary>The report for a person: measured beside predicted.</summary>
    public IEnumerable<string> Lines()
    {
        var s = Settings;
        yield return Say($"{Offered:N0} hand-offs offered after a {s.WarmUpSeconds / 60:0.#}-minute warm-up ({s.ArrivalsPerMinute:0.###}/min, AHT {s.HandlingSeconds:0.#} s, {s.Agents} agents, {Name(s.Skills)} skills, {Name(s.Dispatch)} dispatch, seed {s.Seed})");
        yield return new string(' ', 22) + "   simulated" + "    Erlang C";
        var p = Prediction;
        yield return Say($"{"service level (20 s)",-22}{ServiceLevel,12:P1}{(p is null ? "—" : p.ServiceLevel(SimulationSettings.ServiceLevelSeconds).ToString("P1", CultureInfo.InvariantCulture)),12}");
        yield return Say($"{"mean wait",-22}{MeanWaitSeconds,11:0.0}s{(p is null ? "—" : p.MeanWaitSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"),12}");
        yield return Say($"{"occupancy",-22}{Occupancy,12:P1}{(p is null ? "—" : p.Occupancy.ToString("P1", CultureInfo.InvariantCulture)),12}");
        yield return Say($"{"abandonment",-22}{AbandonmentRate,12:P1}{"—",12}");
        if (p is null)
        {
            yield return "Erlang C has no answer: the load is at or above the agents, so the queue grows without end.";
        }
    }

    private static string Name(Enum value) => value.ToString().ToLowerInvariant();

    private static double Round(double value) => Math.Round(value, 4);

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Text.Json;
using Ombud.Marketplace.Simulation;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// <c>ombud simulate</c>: under homogeneous FIFO load the real dispatcher on a simulated clock agrees with Erlang C
/// (service level within 3 points, mean wait within 15 %); skills-based dispatch beats random assignment on a mix.
/// </summary>
public sealed class SimulationTests
{
    [Fact]
    public void Erlang_C_gives_the_textbook_figures()
    {
        // 10 calls a minute of 3 minutes on 35 agents: A = 30 Erlangs.
        var model = ErlangC.For(10.0 / 60, 180, 35)!;

        // Figures of the direct formula, P(wait) = (A^c/c! · c/(c−A)) / (Σ_{k<c} A^k/k! + A^c/c! · c/(c−A)).
        Assert.Equal(0.2846, model.ProbabilityOfWaiting, 4);
        Assert.Equal(10.245, model.MeanWaitSeconds, 3);
        Assert.Equal(0.8367, model.ServiceLevel(20), 4);
        Assert.Null(ErlangC.For(10.0 / 60, 180, 30));
    }

    [Fact]
    public void Homogeneous_fifo_load_through_the_real_dispatcher_agrees_with_Erlang_C()
    {
        var result = new DispatchSimulation(new SimulationSettings(6, 240, 30, 20_000, SkillMix.Single, null, 7, DispatchMode.Skills)).Run();
        var erlang = result.Prediction!;

        Assert.True(result.Offered > 100_000, $"only {result.Offered} hand-offs");
        Assert.InRange(result.ServiceLevel, erlang.ServiceLevel(20) - 0.03, erlang.ServiceLevel(20) + 0.03);
        Assert.InRange(result.MeanWaitSeconds, erlang.MeanWaitSeconds * 0.85, erlang.MeanWaitSeconds * 1.15);
        Assert.InRange(result.Occupancy, erlang.Occupancy - 0.02, erlang.Occupancy + 0.02);
        Assert.Equal(0, result.AbandonmentRate);
    }

    [Fact]
    public void On_a_mix_of_needs_skills_based_dispatch_beats_random_assignment_on_mean_wait()
    {
        SimulationResult Run(DispatchMode mode) => new DispatchSimulation(new SimulationSettings(6, 240, 33, 5_000, SkillMix.Mixed, null, 3, mode)).Run();

        var skills = Run(DispatchMode.Skills);
        var random = Run(DispatchMode.Random);

        Assert.True(skills.MeanWaitSeconds < random.MeanWaitSeconds / 2, $"skills {skills.MeanWaitSeconds:0.0} s, random {random.MeanWaitSeconds:0.0} s");
    }

    [Fact]
    public void Impatient_shoppers_leave_and_are_counted()
    {
        var result = new DispatchSimulation(new SimulationSettings(6, 240, 24, 2_000, SkillMix.Single, 60, 1, DispatchMode.Skills)).Run();

        Assert.InRange(result.AbandonmentRate, 0.05, 0.9);
        Assert.Equal(result.Offered, result.Answered + result.Abandoned);
    }

    [Fact]
    public async Task The_verb_prints_one_json_object_with_the_measured_and_predicted_figures()
    {
        var (exitCode, stdout, _) = await OmbudProcess.RunAsync(new Dictionary<string, string>(),
            "simulate", "--arrival-rate", "6", "--aht", "240", "--agents", "30", "--minutes", "500", "--seed", "2", "--json");

        Assert.Equal(0, exitCode);
        var json = JsonDocument.Parse(stdout).RootElement;
        foreach (var field in new[] { "service_level", "mean_wait_s", "abandonment_rate", "occupancy", "offered", "erlang_c_service_level", "erlang_c_mean_wait_s" })
        {
            Assert.True(json.TryGetProperty(field, out _), $"no {field}");
        }
    }

    [Theory]
    [InlineData("--arrival-rate", "0", "--arrival-rate must be a number above zero")]
    [InlineData("--arrival-rate", "many", "many")]
    [InlineData("--agents", "0", "--agents must be a whole number from 1 to 10,000")]
    [InlineData("--skills", "some", "some")]
    [InlineData("--patience", "-5", "--patience must be a number above zero")]
    public async Task Bad_arguments_say_what_is_wrong_and_exit_with_2(string option, string value, string said)
    {
        var args = new Dictionary<string, string> { ["--arrival-rate"] = "6", ["--aht"] = "240", ["--agents"] = "30", ["--minutes"] = "10" };
        args[option] = value;

        var (exitCode, _, stderr) = await OmbudProcess.RunAsync(new Dictionary<string, string>(), ["simulate", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, exitCode);
        Assert.Contains(said, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_option_is_named()
    {
        var (exitCode, _, stderr) = await OmbudProcess.RunAsync(new Dictionary<string, string>(), "simulate", "--arrival-rate", "6", "--aht", "240");

        Assert.Equal(2, exitCode);
        Assert.Contains("--agents", stderr, StringComparison.Ordinal);
    }
}

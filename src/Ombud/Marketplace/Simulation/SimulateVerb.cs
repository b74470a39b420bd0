using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Spectre.Console;

namespace Ombud.Marketplace.Simulation;

/// <summary>
/// <c>ombud simulate --arrival-rate R --aht S --agents N --minutes M [--skills mixed] [--patience S] [--seed K]
/// [--dispatch random] [--json]</c>: the marketplace queue through the real dispatch rules on a simulated clock,
/// measured beside Erlang C. Needs no database.
/// </summary>
internal static class SimulateVerb
{
    /// <summary>More arrivals than this would take minutes of CPU for no better answer.</summary>
    private const double MaxArrivals = 5_000_000;

    public static Command Create()
    {
        var rate = Positive(new Option<double>("--arrival-rate") { Description = "Hand-offs per minute (Poisson arrivals).", HelpName = "R", Required = true });
        var aht = Positive(new Option<double>("--aht") { Description = "Mean handling time in seconds (exponential), at skill level 3.", HelpName = "S", Required = true });
        var agents = new Option<int>("--agents") { Description = "How many agents, each handling one conversation at a time.", HelpName = "N", Required = true };
        agents.Validators.Add(r => Check(r, Whole(r) is null or (>= 1 and <= 10_000), "--agents must be a whole number from 1 to 10,000"));
        var minutes = Positive(new Option<double>("--minutes") { Description = "How long hand-offs arrive, in simulated minutes; the first tenth is a warm-up.", HelpName = "M", Required = true });
        var skills = new Option<string>("--skills") { Description = "single: one skill for all (the Erlang C case); mixed: a mix of needs and agents' skills.", DefaultValueFactory = _ => "single" };
        skills.AcceptOnlyFromAmong("single", "mixed");
        var patience = Positive(new Option<double?>("--patience") { Description = "Mean seconds a shopper waits before leaving (exponential). Default: nobody leaves.", HelpName = "S" });
        var seed = new Option<int>("--seed") { Description = "The seed: the same seed and inputs give the same figures.", HelpName = "K", DefaultValueFactory = _ => 1 };
        seed.Validators.Add(r => Check(r, Whole(r) is null or >= 0, "--seed must be zero or a positive whole number"));
        var dispatch = new Option<string>("--dispatch") { Description = "skills: the real dispatch rules; random: any free agent, queue in arrival order (for comparison).", DefaultValueFactory = _ => "skills" };
        dispatch.AcceptOnlyFromAmong("skills", "random");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table." };

        var command = new Command("simulate", "Simulate the marketplace queue through the real dispatcher on a simulated clock, "
                                              + "and compare service level (answered within 20 s), mean wait and occupancy with Erlang C.")
        {
            rate, aht, agents, minutes, skills, patience, seed, dispatch, json,
        };
        command.Validators.Add(result =>
        {
            if (Number(result.GetResult(rate)) * Number(result.GetResult(minutes)) > MaxArrivals)
            {
                result.AddError(Say($"--arrival-rate × --minutes asks for more than {MaxArrivals:N0} hand-offs; simulate fewer minutes."));
            }
        });
        command.SetAction(async (parsed, ct) =>
        {
            var settings = new SimulationSettings(parsed.GetValue(rate), parsed.GetValue(aht), parsed.GetValue(agents), parsed.GetValue(minutes),
                Enum.Parse<SkillMix>(parsed.GetValue(skills)!, ignoreCase: true), parsed.GetValue(patience), parsed.GetValue(seed),
                Enum.Parse<DispatchMode>(parsed.GetValue(dispatch)!, ignoreCase: true));
            var asJson = parsed.GetValue(json);
            var result = await Task.Run(() => Run(settings, asJson), ct);
            if (asJson)
            {
                await Console.Out.WriteLineAsync(result.ToJson());
            }
            else
            {
                foreach (var line in result.Lines())
                {
                    await Console.Out.WriteLineAsync(line);
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>A progress bar on a terminal; plain lines, a tenth at a time, when the output goes to a file or a pipe (to standard error with --json).</summary>
    private static SimulationResult Run(SimulationSettings settings, bool json)
    {
        var simulation = new DispatchSimulation(settings);
        if (!Console.IsOutputRedirected && !json)
        {
            return AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Say($"Simulating {settings.Minutes:N0} minutes"), maxValue: 1);
                    return simulation.Run(done => task.Value = done);
                });
        }

        var log = json ? Console.Error : Console.Out;
        var tenths = 0;
        return simulation.Run(done =>
        {
            if ((int)(done * 10) > tenths)
            {
                tenths = (int)(done * 10);
                log.WriteLine(Say($"simulating: {tenths * 10}% of {settings.Minutes:N0} minutes"));
            }
        });
    }

    private static Option<T> Positive<T>(Option<T> option)
    {
        option.Validators.Add(r => Check(r, r.Tokens.Count == 0 || (double.TryParse(r.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                                                                    && v > 0 && double.IsFinite(v)),
            $"{option.Name} must be a number above zero"));
        return option;
    }

    private static void Check(OptionResult result, bool holds, string message)
    {
        if (!holds && result.Tokens.Count > 0)
        {
            result.AddError($"{message} (got {string.Join(' ', result.Tokens.Select(t => t.Value))}).");
        }
    }

    /// <summary>The number typed, or 0 when it is none (the option's own validator says so).</summary>
    private static double Number(OptionResult? result) =>
        result is { Tokens.Count: 1 } && double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>The whole number typed, or null when it is none: the parser reports that itself, and asking for the value would throw.</summary>
    private static int? Whole(OptionResult result) =>
        result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

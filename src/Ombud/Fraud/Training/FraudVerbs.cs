using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ombud.Commerce.Contracts;
using Ombud.Fraud.Features;
using Spectre.Console;

namespace Ombud.Fraud.Training;

/// <summary>
/// <c>ombud fraud train|eval</c>: learn a risk model from the labelled history in the database, or from an event
/// history CSV in Amazon Fraud Detector's layout, and measure it on the latest 20 % of that history beside two
/// baselines. Usage errors and unusable data exit with 2.
/// </summary>
internal static class FraudVerbs
{
    public static Command Create()
    {
        var fraud = new Command("fraud", "Train and evaluate the risk model on history.");
        fraud.Subcommands.Add(TrainVerb());
        fraud.Subcommands.Add(EvalVerb());
        fraud.Subcommands.Add(Rules.BacktestVerb.Create(DataOption, LoadAsync, UsageErrorAsync));
        return fraud;
    }

    private static Option<string?> DataOption() => new("--data")
    {
        Description = "An event history CSV in Amazon Fraud Detector's layout (EVENT_TIMESTAMP, EVENT_LABEL, variables). "
                      + "Without it, the labelled history in the database.",
        HelpName = "events.csv",
    };

    private static Option<string[]> LabelOption(string name, string meaning) => new(name)
    {
        Description = $"EVENT_LABEL value(s) meaning {meaning}; detected when two values are told apart by name (fraud/legit, 1/0 …).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static Command TrainVerb()
    {
        var (data, fraudLabel, legitLabel) = (DataOption(), LabelOption("--fraud-label", "fraud"), LabelOption("--legit-label", "legitimate"));
        var output = new Option<string>("--out") { Description = "Where to write the model.", HelpName = "model.zip", Required = true };
        var command = new Command("train", "Learn a risk model on the earliest 80 % of the labelled history (by time) and save it.")
        {
            data, fraudLabel, legitLabel, output,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var (dataset, source, error) = await LoadAsync(parsed.GetValue(data), Labels(parsed, fraudLabel, legitLabel), json: false, ct);
            if (error is not null)
            {
                return await UsageErrorAsync("train", error);
            }

            var train = dataset!.Train;
            if (train.Select(r => r.Label).Distinct().Count() < 2)
            {
                return await UsageErrorAsync("train", $"{source}: the training period (the earliest 80 % of labelled events) holds only one class; a model needs fraud and legitimate examples.");
            }

            await Console.Out.WriteLineAsync(Say($"Training on {train.Count:N0} labelled events up to {dataset.TestFrom:yyyy-MM-dd HH:mm} ({train.Count(r => r.Label):N0} fraud) from {source}."));
            var clock = Stopwatch.StartNew();
            var model = RiskLearner.Train(RiskDataset.Examples(train), source, DateTime.UtcNow, dataset.TestFrom, dataset.CategoriesAtSplit);
            var path = parsed.GetValue(output)!;
            model.Save(path);
            await Console.Out.WriteLineAsync(Say($"Saved {path} ({new FileInfo(path).Length / 1024.0:N0} KB) after {clock.Elapsed.TotalSeconds:N1} s; 'ombud fraud eval' tests it on the {dataset.Test.Count:N0} later events."));
            return 0;
        });
        return command;
    }

    private static Command EvalVerb()
    {
        var (data, fraudLabel, legitLabel) = (DataOption(), LabelOption("--fraud-label", "fraud"), LabelOption("--legit-label", "legitimate"));
        var modelPath = new Option<string>("--model") { Description = "A model made by 'ombud fraud train'.", HelpName = "model.zip", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (roc_auc, pr_auc, recall_at_1pct_fpr, n, baselines …) instead of text." };
        var command = new Command("eval", "Measure a risk model on the latest 20 % of the labelled history (by time), beside two simple baselines.")
        {
            modelPath, data, fraudLabel, legitLabel, json,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var (model, loadError) = Scoring.RiskModel.Load(parsed.GetValue(modelPath)!);
            if (model is null)
            {
                return await UsageErrorAsync("eval", loadError!);
            }

            var asJson = parsed.GetValue(json);
            var (dataset, source, error) = await LoadAsync(parsed.GetValue(data), Labels(parsed, fraudLabel, legitLabel), asJson, ct);
            if (error is not null)
            {
                return await UsageErrorAsync("eval", error);
            }

            if (dataset!.Test.Select(r => r.Label).Distinct().Count() < 2)
            {
                return await UsageErrorAsync("eval", $"{source}: the test period (the latest 20 % of labelled events) holds only one class; ROC and PR curves need both.");
            }

            var report = RiskEvaluation.Run(model, dataset, source);
            await Console.Out.WriteLineAsync(asJson ? report.Json() : report.Text());
            return 0;
        });
        return command;
    }

    private static LabelValues Labels(ParseResult parsed, Option<string[]> fraud, Option<string[]> legit) =>
        new(parsed.GetValue(fraud) is { Length: > 0 } f ? f : null, parsed.GetValue(legit) is { Length: > 0 } l ? l : null);

    private static async Task<(RiskDataset? Dataset, string Source, string? Error)> LoadAsync(string? data, LabelValues labels, bool json, CancellationToken ct)
    {
        IReadOnlyList<RiskEvent> events;
        string source;
        if (data is not null)
        {
            var (history, error) = EventHistoryCsv.Read(data, labels);
            if (error is not null)
            {
                return (null, data, error);
            }

            events = history!.Events;
            source = Path.GetFileName(data);
            await Progress(json).WriteLineAsync(Say($"Read {events.Count:N0} events from {data}; fraud label '{history.FraudLabel}', legit '{history.LegitLabel}'; columns used: {string.Join(", ", history.MappedColumns)}."));
        }
        else
        {
            IReadOnlyList<RiskEvent> stored = [];
            await CommandHost.RunAsync(async services =>
            {
                stored = await OrderEvents.LabelledHistoryAsync(services.GetRequiredService<RiskHistory>(), ct);
                return 0;
            }, ct);
            events = stored;
            source = "the database";
            if (events.All(e => e.Label is null))
            {
                return (null, source, "the database holds no labelled history (seed a demo world with 'ombud seed', or give --data events.csv).");
            }

            if (events.Where(e => e.Label is not null).Select(e => e.Label).Distinct().Count() < 2)
            {
                return (null, source, "every labelled order in the database has the same label; training and evaluation need both fraud and legitimate orders.");
            }
        }

        return (Build(events, json), source, null);
    }

    /// <summary>A bar on a terminal; plain lines, a tenth at a time, on standard error when redirected or with --json.</summary>
    private static RiskDataset Build(IReadOnlyList<RiskEvent> events, bool json)
    {
        if (!Console.IsErrorRedirected && !json)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Say($"Features of {events.Count:N0} events"), maxValue: Math.Max(1, events.Count));
                    return RiskDataset.Build(events, done => task.Value = done);
                });
        }

        var tenths = 0;
        return RiskDataset.Build(events, done =>
        {
            if (events.Count > 0 && done * 10 / events.Count > tenths)
            {
                tenths = done * 10 / events.Count;
                Console.Error.WriteLine(Say($"features: {tenths * 10}% of {events.Count:N0} events"));
            }
        });
    }

    private static TextWriter Progress(bool json) => json ? Console.Error : Console.Out;

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static async Task<int> UsageErrorAsync(string verb, string message)
    {
        await Console.Error.WriteLineAsync($"ombud fraud {verb}: {message}");
        return OmbudCli.UsageError;
    }
}

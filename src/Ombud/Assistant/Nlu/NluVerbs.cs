using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Ombud.Assistant.Nlu;

/// <summary><c>ombud nlu train|eval</c>: learn an intent model from a labelled CSV, and measure one on another.</summary>
internal static class NluVerbs
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var nlu = new Command("nlu", "Train and evaluate the assistant's intent classifier.");
        nlu.Subcommands.Add(TrainVerb());
        nlu.Subcommands.Add(EvalVerb());
        return nlu;
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = "A CSV with a header row, one utterance and its intent per row; quote fields that hold commas.",
        HelpName = "file.csv",
        Required = true,
    };

    private static Option<string> TextColumn() => new("--text-column")
    {
        Description = "The column holding the utterance.",
        DefaultValueFactory = _ => "text",
    };

    private static Option<string> LabelColumn() => new("--label-column")
    {
        Description = "The column holding the intent.",
        DefaultValueFactory = _ => "label",
    };

    private static Command TrainVerb()
    {
        var (data, text, label) = (DataOption(), TextColumn(), LabelColumn());
        var output = new Option<string>("--out") { Description = "Where to write the model.", HelpName = "model.zip", Required = true };
        var recipe = new Option<string>("--recipe")
        {
            Description = $"How to learn: {string.Join(", ", IntentRecipe.All.Select(r => r.Name))}. The others are the steps in docs/benchmarks.md.",
            DefaultValueFactory = _ => IntentRecipe.Meaning.Name,
            Hidden = true,
        };
        recipe.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && IntentRecipe.Find(result.Tokens[0].Value) is null)
            {
                result.AddError($"--recipe must be one of {string.Join(", ", IntentRecipe.All.Select(r => r.Name))} (got '{result.Tokens[0].Value}').");
            }
        });
        var calibration = new Option<string>("--calibration")
        {
            Description = "A labelled CSV (same columns) the model does not learn from, to calibrate how sure the fast model must be to answer " +
                "alone and when an answer is out of scope ('oos'). Without it, every fifth utterance of each intent is held back for that.",
            HelpName = "val.csv",
        };
        var refit = new Option<bool>("--refit")
        {
            Description = "After the cascade and the meaning model are chosen on --calibration, learn the final models on --data and the " +
                "calibration rows together (the cascade and the out-of-scope threshold stay as chosen). Takes about twice as long.",
        };
        var command = new Command("train", "Learn an intent model from a labelled CSV and save it.") { data, text, label, output, recipe, calibration, refit };
        command.SetAction(async (parsed, _) =>
        {
            var (rows, error) = IntentCsv.Read(parsed.GetValue(data)!, parsed.GetValue(text)!, parsed.GetValue(label)!);
            if (error is not null)
            {
                return await UsageErrorAsync("train", error.Message);
            }

            var chosen = IntentRecipe.Find(parsed.GetValue(recipe)!)!;
            var intents = rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count();
            if (intents < 2)
            {
                return await UsageErrorAsync("train", $"{parsed.GetValue(data)}: every row has the same intent; a classifier needs at least two.");
            }

            if (parsed.GetValue(refit) && parsed.GetValue(calibration) is null)
            {
                return await UsageErrorAsync("train", "--refit needs --calibration: it learns the final models on the calibration rows too, " +
                    "after choosing the cascade on them. Without --calibration the model is already learnt again on every row.");
            }

            IReadOnlyList<IntentExample>? held = null;
            if (parsed.GetValue(calibration) is { } calibrationPath)
            {
                (held, var calibrationError) = IntentCsv.Read(calibrationPath, parsed.GetValue(text)!, parsed.GetValue(label)!);
                if (calibrationError is not null)
                {
                    return await UsageErrorAsync("train", calibrationError.Message);
                }
            }

            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Training '{chosen.Name}' on {rows.Count:N0} utterances, {intents} intents."));
            var clock = Stopwatch.StartNew();
            var model = Console.IsOutputRedirected
                ? TrainReportingLines(rows, chosen, held, parsed.GetValue(refit))
                : TrainWithProgressBar(rows, chosen, held, parsed.GetValue(refit));
            model.Save(parsed.GetValue(output)!);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Saved {parsed.GetValue(output)} ({new FileInfo(parsed.GetValue(output)!).Length / 1024.0 / 1024.0:N1} MB) after {clock.Elapsed.TotalSeconds:N0} s."));
            if (model.UsesMeaning)
            {
                var outOfScope = model.Cascade.OutOfScopeBelow is { } below
                    ? string.Create(CultureInfo.InvariantCulture, $"; out of scope below {below:0.00}")
                    : "";
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Cascade: the n-gram models answer alone from confidence {model.Cascade.NGramSure:0.00}; meaning weight {model.Cascade.MeaningWeight:0.0}{outOfScope}; meaning model {model.MeaningFit}."));
            }

            return 0;
        });
        return command;
    }

    private static IntentModel TrainWithProgressBar(IReadOnlyList<IntentExample> rows, IntentRecipe recipe, IReadOnlyList<IntentExample>? held,
        bool refit)
    {
        var steps = IntentLearner.Steps(recipe);
        IntentModel? model = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                // ML.NET's trainers report no fraction done, so each model is a step and the spinner shows life within it.
                var tasks = steps.Select((name, i) => context.AddTask($"model {i + 1}/{steps.Count}: {name}", autoStart: false)).ToList();
                model = IntentLearner.Train(rows, recipe, (index, _) =>
                {
                    if (index > 0)
                    {
                        tasks[index - 1].Value = 100;
                        tasks[index - 1].StopTask();
                    }

                    tasks[index].StartTask();
                    tasks[index].IsIndeterminate = true;
                }, held, refit);
                tasks[^1].IsIndeterminate = false;
                tasks[^1].Value = 100;
            });
        return model!;
    }

    /// <summary>For logs and pipes: one line as each model starts.</summary>
    private static IntentModel TrainReportingLines(IReadOnlyList<IntentExample> rows, IntentRecipe recipe, IReadOnlyList<IntentExample>? held,
        bool refit) =>
        IntentLearner.Train(rows, recipe, (index, name) =>
            Console.Out.WriteLine($"training: model {index + 1} of {IntentLearner.Steps(recipe).Count} ({name})"), held, refit);

    private static Command EvalVerb()
    {
        var (data, text, label) = (DataOption(), TextColumn(), LabelColumn());
        var modelPath = new Option<string>("--model") { Description = "A model made by 'ombud nlu train'.", HelpName = "model.zip", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (accuracy, macro_f1, n, p50_ms, p99_ms, encoder_share, in_scope_accuracy, oos_recall, per_intent) instead of text." };
        var nGramsOnly = new Option<bool>("--ngrams-only")
        {
            Description = "Measure the model's n-gram ensemble alone, without the sentence encoder (the 'before' row in docs/benchmarks.md).",
            Hidden = true,
        };
        var command = new Command("eval", "Measure a model on a labelled CSV: accuracy, macro-F1, per-intent precision/recall/F1, latency per utterance.")
        {
            modelPath, data, text, label, json, nGramsOnly,
        };
        command.SetAction(async (parsed, _) =>
        {
            var (rows, error) = IntentCsv.Read(parsed.GetValue(data)!, parsed.GetValue(text)!, parsed.GetValue(label)!);
            if (error is not null)
            {
                return await UsageErrorAsync("eval", error.Message);
            }

            var (model, loadError) = IntentModel.Load(parsed.GetValue(modelPath)!);
            if (model is null)
            {
                return await UsageErrorAsync("eval", loadError!);
            }

            var known = model.Intents.ToHashSet(StringComparer.Ordinal);
            var unknown = rows.Select(r => r.Label).Where(l => !known.Contains(l)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                return await UsageErrorAsync("eval",
                    $"{parsed.GetValue(data)} has {unknown.Count} intent(s) the model was never trained on: {string.Join(", ", unknown.Take(10))}" +
                    $"{(unknown.Count > 10 ? ", …" : "")}. Evaluate on data with the model's intents, or train on a set that includes them.");
            }

            var result = IntentEvaluation.Run(parsed.GetValue(nGramsOnly) ? model.WithoutMeaning() : model, rows);
            await Console.Out.WriteLineAsync(parsed.GetValue(json) ? Json(result) : Text(result));
            return 0;
        });
        return command;
    }

    private static string Json(IntentEvaluation result) => JsonSerializer.Serialize(new
    {
        result.Accuracy,
        MacroF1 = result.MacroF1,
        result.N,
        P50Ms = result.P50Milliseconds,
        P99Ms = result.P99Milliseconds,
        result.EncoderShare,
        result.InScopeAccuracy,
        OosRecall = result.OutOfScopeRecall,
        PerIntent = result.PerIntent.ToDictionary(s => s.Intent, s => new { s.Precision, s.Recall, s.F1, s.Support }),
    }, SnakeCase);

    private static string Text(IntentEvaluation result)
    {
        var width = Math.Max(6, result.PerIntent.Max(s => s.Intent.Length));
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"utterances  {result.N:N0}"),
            string.Create(CultureInfo.InvariantCulture, $"accuracy    {result.Accuracy:P2}"),
            string.Create(CultureInfo.InvariantCulture, $"macro-F1    {result.MacroF1:P2}"),
            string.Create(CultureInfo.InvariantCulture, $"latency     p50 {result.P50Milliseconds:N3} ms, p99 {result.P99Milliseconds:N3} ms per utterance"),
            string.Create(CultureInfo.InvariantCulture, $"encoder     ran for {result.EncoderShare:P1} of utterances"),
        };
        if (result.OutOfScopeRecall is { } recall)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"in scope    {result.InScopeAccuracy:P2} accuracy; out of scope recognised {recall:P2}"));
        }

        lines.AddRange(
        [
            "",
            $"{"intent".PadRight(width)}  precision  recall     F1  support",
        ]);
        lines.AddRange(result.PerIntent.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Intent.PadRight(width)}  {s.Precision,9:P1}  {s.Recall,6:P1}  {s.F1,6:P1}  {s.Support,7}")));
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<int> UsageErrorAsync(string verb, string message)
    {
        await Console.Error.WriteLineAsync($"ombud nlu {verb}: {message}");
        return OmbudCli.UsageError;
    }
}

using Microsoft.Extensions.Options;
using Ombud.Commerce.Contracts;
using Ombud.Fraud.Features;
using Ombud.Fraud.Training;
using Ombud.Platform;

namespace Ombud.Fraud.Scoring;

/// <summary>The model this node scores with, if any; swapped in whole when one is ready.</summary>
internal sealed class RiskModels
{
    private volatile RiskModel? _current;

    public RiskModel? Current => _current;

    public void Use(RiskModel model) => _current = model;
}

/// <summary>
/// Chooses the node's model at start and says which in the log: the configured <c>Ombud:Fraud:ModelPath</c>; else, in
/// demo mode, one trained in the background from the database's labelled history (kept under the data folder for the
/// next start); else rules only. Until a model is ready, decisions use the rules alone and say so.
/// </summary>
internal sealed partial class RiskModelStartup(
    RiskModels models,
    IOptions<FraudOptions> options,
    DemoMode demo,
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    ILogger<RiskModelStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ModelPath is { Length: > 0 } path)
        {
            var (model, error) = RiskModel.Load(path);
            if (model is null)
            {
                LogUnusable(log, error!);
                return;
            }

            models.Use(model);
            LogUsing(log, path, model.Card.TrainedOn, model.Card.Examples);
            return;
        }

        if (!demo.IsOn || !options.Value.TrainAtStart)
        {
            LogRulesOnly(log);
            return;
        }

        var cached = Path.Combine(environment.ContentRootPath, "data", "risk-model.zip");
        if (File.Exists(cached) && RiskModel.Load(cached) is ({ } kept, _))
        {
            models.Use(kept);
            LogUsing(log, cached, kept.Card.TrainedOn, kept.Card.Examples);
            return;
        }

        LogTraining(log);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var events = await OrderEvents.LabelledHistoryAsync(scope.ServiceProvider.GetRequiredService<RiskHistory>(), stoppingToken);
            // Trained on the whole labelled history: at start there is nothing to hold back for a test.
            var rows = RiskDataset.Build([.. events.Select(e => e)], progress: null);
            var all = rows.All.ToList();
            if (all.Select(r => r.Label).Distinct().Count() < 2)
            {
                LogRulesOnly(log);
                return;
            }

            var model = await Task.Run(() => RiskLearner.Train(RiskDataset.Examples(all), "the labelled history in the database",
                TimeProvider.System.GetUtcNow().UtcDateTime, all[^1].Event.At, rows.CategoriesAtSplit), stoppingToken);
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            model.Save(cached);
            models.Use(model);
            LogUsing(log, cached, model.Card.TrainedOn, model.Card.Examples);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTrainingFailed(log, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk decisions use the model at {Path}, trained on {Source} ({Examples} examples).")]
    private static partial void LogUsing(ILogger log, string path, string source, int examples);

    [LoggerMessage(Level = LogLevel.Error, Message = "Risk decisions use rules only: the configured model cannot be used. {Reason}")]
    private static partial void LogUnusable(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk decisions use rules only: no Ombud:Fraud:ModelPath is set, and no model is trained at start (not demo mode, switched off, or no labelled history with both classes).")]
    private static partial void LogRulesOnly(ILogger log);

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk decisions use rules only until the model being trained from the labelled history in the database is ready.")]
    private static partial void LogTraining(ILogger log);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training the risk model at start failed; risk decisions use rules only.")]
    private static partial void LogTrainingFailed(ILogger log, Exception e);
}

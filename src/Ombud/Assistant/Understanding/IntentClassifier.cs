using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Ombud.Assistant.Nlu;

namespace Ombud.Assistant.Understanding;

/// <summary>
/// The shipped intent model, loaded once per node. ML.NET's prediction engines are not thread-safe, so each turn
/// borrows one from a pool and gives it back; a node keeps about as many as turns it runs at once.
/// </summary>
internal sealed class IntentClassifier
{
    private readonly IntentModel _model;
    private readonly ConcurrentBag<IntentPredictor> _pool = [];

    public IntentClassifier(IOptions<AssistantOptions> options)
    {
        var path = options.Value.IntentModelPath is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "Assistant", "Nlu", "Data", "ombud-intents.zip");
        var (model, error) = IntentModel.Load(path);
        _model = model ?? throw new InvalidOperationException($"The assistant's intent model could not be loaded: {error}");
    }

    public IReadOnlyList<string> Intents => _model.Intents;

    /// <summary>The position of an intent in <see cref="Intents"/> and every prediction's probabilities, or -1 if the model does not know it.</summary>
    public int IndexOf(string intent) => _model.Intents.ToList().IndexOf(intent);

    public IntentPrediction Predict(string text)
    {
        if (!_pool.TryTake(out var predictor))
        {
            predictor = _model.CreatePredictor();
        }

        try
        {
            return predictor.Predict(text);
        }
        finally
        {
            _pool.Add(predictor);
        }
    }
}

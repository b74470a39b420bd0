using System.Diagnostics;

namespace Ombud.Assistant.Nlu;

/// <summary>Precision, recall and F1 of one intent over an evaluation set.</summary>
internal sealed record IntentScore(string Intent, int Support, double Precision, double Recall, double F1);

/// <summary>
/// How well a model classifies a labelled set, and how long one utterance takes; the share of utterances for which the
/// sentence encoder ran; and, when the set has out-of-scope rows (<c>oos</c>), the accuracy on the others and the share
/// of out-of-scope rows recognised as such.
/// </summary>
internal sealed record IntentEvaluation(int N, double Accuracy, double MacroF1, double P50Milliseconds, double P99Milliseconds,
    IReadOnlyList<IntentScore> PerIntent, double EncoderShare = 0, double InScopeAccuracy = 0, double? OutOfScopeRecall = null)
{
    /// <summary>
    /// Classifies every row one at a time, as the assistant does in a conversation, and times each call. A warm-up
    /// pass first lets the tiered JIT finish recompiling the hot path, so the figures are those of a running server,
    /// not of a process's first second.
    /// </summary>
    private const int WarmUpPredictions = 2_000;

    public static IntentEvaluation Run(IntentModel model, IReadOnlyList<IntentExample> rows, Action<int>? progress = null)
    {
        var predictor = model.CreatePredictor();
        for (var i = 0; i < WarmUpPredictions; i++)
        {
            predictor.Predict(rows[i % rows.Count].Text);
        }

        GC.Collect();

        var predicted = new string[rows.Count];
        var encoded = 0;
        var milliseconds = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var prediction = predictor.Predict(rows[i].Text);
            milliseconds[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            predicted[i] = prediction.Intent;
            encoded += prediction.UsedMeaning ? 1 : 0;
            progress?.Invoke(i + 1);
        }

        var correct = rows.Where((row, i) => row.Label == predicted[i]).Count();
        // Macro-F1 over every intent that occurs as truth or as prediction, as scikit-learn counts it.
        var intents = rows.Select(r => r.Label).Concat(predicted).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var perIntent = intents.Select(intent =>
        {
            var truePositives = rows.Where((row, i) => row.Label == intent && predicted[i] == intent).Count();
            var support = rows.Count(r => r.Label == intent);
            var predictedCount = predicted.Count(p => p == intent);
            var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new IntentScore(intent, support, precision, recall, f1);
        }).ToList();
        Array.Sort(milliseconds);
        var inScope = rows.Select((row, i) => (row, i)).Where(x => x.row.Label != Cascade.OutOfScope).ToList();
        var outOfScope = rows.Count - inScope.Count;
        return new IntentEvaluation(rows.Count, (double)correct / rows.Count, perIntent.Average(s => s.F1),
            Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.99), perIntent,
            EncoderShare: (double)encoded / rows.Count,
            InScopeAccuracy: inScope.Count == 0 ? 0 : (double)inScope.Count(x => predicted[x.i] == x.row.Label) / inScope.Count,
            OutOfScopeRecall: outOfScope == 0 ? null
                : (double)rows.Where((row, i) => row.Label == Cascade.OutOfScope && predicted[i] == Cascade.OutOfScope).Count() / outOfScope);
    }

    // Nearest rank: the smallest time that at least the given share of utterances came in under.
    private static double Percentile(double[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}

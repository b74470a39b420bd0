using Microsoft.ML;

namespace Ombud.Fraud.Training;

/// <summary>How well a score separates fraud from legitimate events on one test set.</summary>
internal sealed record RiskMetrics(double RocAuc, double PrAuc, double RecallAt1PctFpr, int N, int Fraud)
{
    /// <summary>
    /// ROC-AUC and PR-AUC from ML.NET's evaluator; recall at 1 % false-positive rate is the share of fraud scored above
    /// the score that only 1 % of legitimate events exceed: what a decline threshold catches when it may bother one
    /// good customer in a hundred.
    /// </summary>
    public static RiskMetrics Of(IReadOnlyList<(float Score, bool Label)> scored)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(scored.Select(s => new ScoredRow { Score = float.IsFinite(s.Score) ? s.Score : 0, Label = s.Label, PredictedLabel = s.Score > 0.5f }));
        var metrics = ml.BinaryClassification.EvaluateNonCalibrated(data, nameof(ScoredRow.Label), nameof(ScoredRow.Score));
        return new RiskMetrics(metrics.AreaUnderRocCurve, metrics.AreaUnderPrecisionRecallCurve, RecallAtFpr(scored, 0.01), scored.Count,
            scored.Count(s => s.Label));
    }

    private static double RecallAtFpr(IReadOnlyList<(float Score, bool Label)> scored, double fpr)
    {
        var legit = scored.Where(s => !s.Label).Select(s => s.Score).OrderDescending().ToList();
        var fraud = scored.Where(s => s.Label).Select(s => s.Score).ToList();
        if (legit.Count == 0 || fraud.Count == 0)
        {
            return 0;
        }

        // The threshold lets at most fpr of the legitimate events score above it; ties at the threshold stay below.
        var allowed = (int)Math.Floor(legit.Count * fpr);
        var threshold = legit[Math.Min(allowed, legit.Count - 1)];
        return fraud.Count(s => s > threshold) / (double)fraud.Count;
    }

    private sealed class ScoredRow
    {
        public float Score { get; set; }

        public bool Label { get; set; }

        /// <summary>Required by the evaluator; the areas under the curves do not depend on it.</summary>
        public bool PredictedLabel { get; set; }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ombud.Fraud.Features;
using Ombud.Fraud.Scoring;

namespace Ombud.Fraud.Training;

/// <summary>
/// A model measured on a dataset's test period, beside two baselines on the same events: the order price alone, and
/// the fraud rate of earlier labelled events sharing an identity with the order (a link score without a model).
/// </summary>
/// <param name="P50Ms">Median time to score one order's features with the model and its contributions, in milliseconds.</param>
internal sealed record RiskEvaluation(string Source, int Events, int TrainN, DateTime TestFrom, DateTime TestTo, RiskMetrics Model,
    RiskMetrics PriceBaseline, RiskMetrics LinkBaseline, double P50Ms, double P99Ms)
{
    private static readonly int EarlierFraudRate = RiskFeatures.IndexOf("links.max_earlier_fraud_rate");
    private static readonly int Amount = RiskFeatures.IndexOf("order.amount_log10");

    public static RiskEvaluation Run(RiskModel model, RiskDataset dataset, string source)
    {
        var test = dataset.Test;
        var timings = new List<double>(test.Count);
        var scored = test.Select(r =>
        {
            var started = Stopwatch.GetTimestamp();
            var probability = (float)model.Predict(r.Features).Probability;
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (probability, r.Label);
        }).ToList();
        timings.Sort();
        return new RiskEvaluation(source, dataset.Events, dataset.Train.Count, test[0].Event.At, test[^1].Event.At, RiskMetrics.Of(scored),
            RiskMetrics.Of([.. test.Select(r => (r.Features[Amount], r.Label))]),
            RiskMetrics.Of([.. test.Select(r => (r.Features[EarlierFraudRate], r.Label))]),
            timings[(int)(0.5 * (timings.Count - 1))], timings[(int)(0.99 * (timings.Count - 1))]);
    }

    /// <summary>One object with explicit snake_case keys, so the names scripts read never depend on a naming policy.</summary>
    public string Json() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["roc_auc"] = Round(Model.RocAuc),
        ["pr_auc"] = Round(Model.PrAuc),
        ["recall_at_1pct_fpr"] = Round(Model.RecallAt1PctFpr),
        ["n"] = Model.N,
        ["fraud"] = Model.Fraud,
        ["fraud_rate"] = Round(Model.Fraud / (double)Model.N),
        ["train_n"] = TrainN,
        ["events"] = Events,
        ["split"] = "time: latest 20 % of labelled events",
        ["test_from"] = TestFrom.ToString("O", CultureInfo.InvariantCulture),
        ["test_to"] = TestTo.ToString("O", CultureInfo.InvariantCulture),
        ["source"] = Source,
        ["p50_ms"] = Math.Round(P50Ms, 3),
        ["p99_ms"] = Math.Round(P99Ms, 3),
        ["baselines"] = new Dictionary<string, object>
        {
            ["order_price"] = Figures(PriceBaseline),
            ["earlier_entity_fraud_rate"] = Figures(LinkBaseline),
        },
    });

    public string Text() => string.Join(Environment.NewLine,
        Say($"test set    {Model.N:N0} labelled events ({Model.Fraud:N0} fraud), {TestFrom:yyyy-MM-dd} to {TestTo:yyyy-MM-dd}; trained on the {TrainN:N0} before"),
        "",
        Say($"{"",-34}{"ROC-AUC",9}{"PR-AUC",9}{"recall@1%FPR",14}"),
        Row("model (gradient-boosted trees)", Model),
        Row("baseline: order price alone", PriceBaseline),
        Row("baseline: earlier fraud via links", LinkBaseline),
        "",
        Say($"model scoring p50 {P50Ms:N3} ms, p99 {P99Ms:N3} ms per order (features already computed)"));

    private static Dictionary<string, double> Figures(RiskMetrics m) => new Dictionary<string, double>
    {
        ["roc_auc"] = Round(m.RocAuc), ["pr_auc"] = Round(m.PrAuc), ["recall_at_1pct_fpr"] = Round(m.RecallAt1PctFpr),
    };

    private static string Row(string name, RiskMetrics m) => Say($"{name,-34}{m.RocAuc,9:0.000}{m.PrAuc,9:0.000}{m.RecallAt1PctFpr,14:0.000}");

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 4) : 0;

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.IO.Compression;
using Microsoft.ML;
using Ombud.Fraud;
using Ombud.Fraud.Features;
using Ombud.Fraud.Scoring;
using Ombud.Fraud.Training;

namespace Ombud.Tests.Fraud;

/// <summary>
/// A decision reads the model's trees itself (<see cref="RiskTrees"/>) instead of ML.NET's prediction engine and
/// feature contribution step; an analyst must still see the same score and the same reasons, in the same order.
/// </summary>
public sealed class RiskReasonTests
{
    private static readonly string[] Informative =
        ["order.amount_log10", "device.orders_24h", "customer.account_age_days", "ip.orders_1h", "email.orders_7d", "device.other_customers_7d"];

    [Fact]
    public void A_decision_gives_the_score_and_model_reasons_that_ML_NETs_engine_and_contribution_step_give_for_the_same_model_and_order()
    {
        var random = new Random(11);
        var path = Path.Combine(Directory.CreateTempSubdirectory("ombud-risk-reasons-").FullName, "model.zip");
        var examples = Enumerable.Range(0, 600).Select(_ => Example(random)).ToList();
        RiskLearner.Train(examples, "synthetic orders", DateTime.UtcNow, DateTime.UtcNow, new Dictionary<string, (int, int)>()).Save(path);
        var (model, error) = RiskModel.Load(path);
        Assert.True(model is not null, error);
        var before = ReferenceEngine(path);
        var order = new RiskEvent("o-1", DateTime.UtcNow, 12_000, "EUR", "c-1", "d-1", "203.0.113.9", "a@example.com", "+4670000000", "card-1",
            "Storgatan 1|11122|SE", "Storgatan 1|11122|SE", DateTime.UtcNow.AddDays(-90), "5411");
        var distinctReasons = new HashSet<string>();

        foreach (var features in examples.Select(e => e.Features).Concat(Enumerable.Range(0, 1_000).Select(_ => Example(random).Features)))
        {
            var expected = before.Predict(new RiskExample { Features = features });
            var verdict = RiskScorer.Decide(order, features, model, new FraudOptions());

            var estimate = model.Predict(features);
            Assert.Equal(expected.Probability, estimate.Probability);
            Assert.Equal(Math.Round(expected.Probability, 4), verdict.Score);
            // The same sums, added in another order (ML.NET's buffer sorts its entries by feature on the way): equal
            // to float rounding, in the units of the score (±25 here).
            Assert.Equal(expected.FeatureContributions.Length, estimate.Contributions.Count);
            Assert.All(expected.FeatureContributions.Zip(estimate.Contributions), c => Assert.Equal(c.First, c.Second, 1e-4f));
            var modelReasons = verdict.Reasons.Where(r => RiskFeatures.All.Any(f => f.Name == r.Code)).ToList();
            Assert.Equal(TopReasonsAsBefore(expected.FeatureContributions, features), modelReasons);
            distinctReasons.Add(string.Join(",", modelReasons.Select(r => r.Code)));
        }

        // The orders were varied enough to reorder the reasons many ways, so a fixed list could not pass.
        Assert.True(distinctReasons.Count >= 10, $"only {distinctReasons.Count} distinct reason lists");
    }

    /// <summary>Several features decide, with noise, so the trees split on many features at many depths.</summary>
    private static RiskExample Example(Random random)
    {
        var features = new float[RiskFeatures.Count];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = random.Next(4) switch { 0 => -1, 1 => 0, 2 => random.Next(6), _ => (float)(random.NextDouble() * 200) };
        }

        float F(string name) => features[RiskFeatures.IndexOf(name)];
        var risk = (F(Informative[0]) > 100 ? 2 : 0) + (F(Informative[1]) >= 3 ? 1 : 0) + (F(Informative[2]) is >= 0 and < 2 ? 1 : 0)
                   + (F(Informative[3]) >= 2 ? 1 : 0) + (F(Informative[4]) > 50 ? 1 : 0) + (F(Informative[5]) >= 4 ? 1 : 0) + random.Next(2);
        return new RiskExample { Features = features, Label = risk >= 4 };
    }

    /// <summary>What a decision gave before: ML.NET's own engine over the file's trees and its contribution step.</summary>
    private static PredictionEngine<RiskExample, ReferencePrediction> ReferenceEngine(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var trees = new MemoryStream();
        using (var entry = zip.GetEntry("trees.zip")!.Open())
        {
            entry.CopyTo(trees);
        }

        trees.Position = 0;
        var ml = new MLContext(seed: 1);
        return ml.Model.CreatePredictionEngine<RiskExample, ReferencePrediction>(ml.Model.Load(trees, out _), inputSchemaDefinition: RiskExample.Schema());
    }

    /// <summary>The scorer's choice as it was written before: the three largest positive contributions, largest first.</summary>
    private static List<RiskReason> TopReasonsAsBefore(float[] contributions, float[] features) =>
    [
        .. contributions
            .Select((c, i) => (Contribution: c, Index: i))
            .Where(x => x.Contribution > 0)
            .OrderByDescending(x => x.Contribution)
            .Take(RiskScorer.ModelReasons)
            .Select(x => new RiskReason(RiskFeatures.All[x.Index].Name, RiskFeatures.All[x.Index].Explain(features[x.Index]))),
    ];

    internal sealed class ReferencePrediction
    {
        public float Probability { get; set; }

        public float[] FeatureContributions { get; set; } = [];
    }
}

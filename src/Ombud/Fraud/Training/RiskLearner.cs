using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Ombud.Fraud.Features;
using Ombud.Fraud.Scoring;

namespace Ombud.Fraud.Training;

/// <summary>Learns a <see cref="RiskModel"/>: gradient-boosted trees (ML.NET FastTree) on the risk features.</summary>
internal static class RiskLearner
{
    public static RiskModel Train(IReadOnlyList<RiskExample> examples, string trainedOn, DateTime trainedAt, DateTime trainedUntil,
        IReadOnlyDictionary<string, (int Fraud, int Labelled)> categoryLabels)
    {
        // A fixed seed: the same history learns the same model, so a benchmark figure can be reproduced.
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(examples, RiskExample.Schema());
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(RiskExample.Label),
            FeatureColumnName = nameof(RiskExample.Features),
            NumberOfTrees = 200,
            NumberOfLeaves = 16,
            // Small histories (a few hundred labelled events) still get leaves of several examples, not one.
            MinimumExampleCountPerLeaf = Math.Clamp(examples.Count / 200, 3, 20),
            LearningRate = 0.1,
            Shrinkage = 1,
            NumberOfThreads = 1,
        });
        var trees = trainer.Fit(data);
        // Every feature's contribution, positive and negative, unscaled: the scorer picks the reasons itself.
        var contributions = ml.Transforms.CalculateFeatureContribution(trees, numberOfPositiveContributions: RiskFeatures.Count,
            numberOfNegativeContributions: RiskFeatures.Count, normalize: false).Fit(trees.Transform(data));
        var model = new Microsoft.ML.Data.TransformerChain<ITransformer>(trees, contributions);
        var card = new RiskModelCard(RiskModelCard.CurrentFormat, [.. RiskFeatures.All.Select(f => f.Name)], trainedAt, trainedOn, examples.Count,
            examples.Count(e => e.Label), trainedUntil, categoryLabels.ToDictionary(c => c.Key, c => new[] { c.Value.Fraud, c.Value.Labelled }));
        return new RiskModel(ml, model, data.Schema, card);
    }
}

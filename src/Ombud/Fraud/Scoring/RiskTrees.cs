using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace Ombud.Fraud.Scoring;

/// <summary>
/// A trained model's trees laid out flat in a few arrays, read through ML.NET's public tree API: one pass over them
/// gives the fraud probability and every feature's contribution to it, with no prediction engine, data view or
/// per-call buffers. The arithmetic is ML.NET's own, step for step: the probability is the same bits as its prediction
/// engine gives, and each contribution the same sum as its feature contribution step gives, added in tree order where
/// ML.NET's buffer sorts its entries by feature on the way (so equal to float rounding; a test holds both, and the
/// reasons, to that):
/// <list type="bullet">
/// <item>the score is the sum of the trees' leaf values in tree order (as a double, then a float); the probability is
/// Platt's <c>1 / (1 + exp(slope · score + offset))</c>;</item>
/// <item>a tree's contribution to a feature at each split on the path to its leaf is the leaf's value minus the value
/// of the leaf the order would reach had it gone the other way at that split (a "ghost" walk), added per feature in
/// tree order.</item>
/// </list>
/// ML.NET's contribution step does this through a generic sparse buffer and a second walk per tree; its cost was most
/// of the model's share of a decision, and the reasons need every feature's sum to pick the largest.
/// </summary>
internal sealed class RiskTrees
{
    // Nodes of all trees in one numbering, leaves in another; a child below zero is the leaf ~child.
    private readonly int[] _roots;
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly int[] _lessOrEqual;
    private readonly int[] _greater;
    private readonly double[] _leafValue;
    private readonly double _slope;
    private readonly double _offset;

    private RiskTrees(int[] roots, int[] feature, float[] threshold, int[] lessOrEqual, int[] greater, double[] leafValue, double slope, double offset) =>
        (_roots, _feature, _threshold, _lessOrEqual, _greater, _leafValue, _slope, _offset) = (roots, feature, threshold, lessOrEqual, greater, leafValue, slope, offset);

    /// <summary>The trees of a calibrated FastTree model, or why they cannot be read this way.</summary>
    public static (RiskTrees? Trees, string? Error) Of(CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> model)
    {
        var trees = model.SubModel.TrainedTreeEnsemble.Trees;
        if (trees.Any(t => t.CategoricalSplitFlags.Any(categorical => categorical)))
        {
            return (null, "its trees split on categories, which 'ombud fraud train' never does");
        }

        // Sized by the arrays, which may hold more room than the tree uses; a tree of one leaf has no split, and its
        // root is that leaf (ML.NET's own walk checks for it the same way).
        var (nodes, leaves) = (trees.Sum(t => t.LeftChild.Count), trees.Sum(t => t.LeafValues.Count));
        var (feature, threshold, lessOrEqual, greater) = (new int[nodes], new float[nodes], new int[nodes], new int[nodes]);
        var (roots, leafValue) = (new int[trees.Count], new double[leaves]);
        var (firstNode, firstLeaf) = (0, 0);
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            int Child(int child) => child >= 0 ? firstNode + child : ~(firstLeaf + ~child);
            roots[t] = tree.NumberOfLeaves <= 1 ? ~firstLeaf : firstNode;
            for (var n = 0; n < tree.LeftChild.Count; n++)
            {
                (feature[firstNode + n], threshold[firstNode + n]) = (tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n]);
                (lessOrEqual[firstNode + n], greater[firstNode + n]) = (Child(tree.LeftChild[n]), Child(tree.RightChild[n]));
            }

            for (var l = 0; l < tree.LeafValues.Count; l++)
            {
                leafValue[firstLeaf + l] = tree.LeafValues[l];
            }

            (firstNode, firstLeaf) = (firstNode + tree.LeftChild.Count, firstLeaf + tree.LeafValues.Count);
        }

        return (new RiskTrees(roots, feature, threshold, lessOrEqual, greater, leafValue, model.Calibrator.Slope, model.Calibrator.Offset), null);
    }

    /// <summary>The fraud probability of <paramref name="features"/>, with each feature's contribution added into <paramref name="contributions"/>.</summary>
    public float Predict(ReadOnlySpan<float> features, Span<float> contributions)
    {
        var score = 0.0;
        foreach (var root in _roots)
        {
            var reached = _leafValue[LeafFrom(features, root)];
            score += reached;
            for (var node = root; node >= 0;)
            {
                var f = _feature[node];
                var (taken, other) = features[f] <= _threshold[node] ? (_lessOrEqual[node], _greater[node]) : (_greater[node], _lessOrEqual[node]);
                contributions[f] += (float)(reached - _leafValue[LeafFrom(features, other)]);
                node = taken;
            }
        }

        var output = (float)score;
        return float.IsNaN(output) ? output : (float)(1 / (1 + Math.Exp(_slope * output + _offset)));
    }

    private int LeafFrom(ReadOnlySpan<float> features, int node)
    {
        while (node >= 0)
        {
            node = features[_feature[node]] <= _threshold[node] ? _lessOrEqual[node] : _greater[node];
        }

        return ~node;
    }
}

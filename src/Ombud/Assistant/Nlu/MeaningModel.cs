using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Ombud.Assistant.Nlu;

/// <summary>One utterance as its sentence embedding, with its intent: what the meaning model learns from.</summary>
internal sealed class MeaningExample
{
    [VectorType(SentenceMeaning.Dimensions)]
    public float[] Features { get; set; } = [];

    public string Label { get; set; } = "";
}

/// <summary>
/// How the n-gram ensemble and the meaning model are combined, chosen on utterances the models did not learn from:
/// the n-gram ensemble answers alone when its confidence is at least <see cref="NGramSure"/>; otherwise the sentence is
/// encoded and the two models' probabilities are blended with <see cref="MeaningWeight"/> on the meaning model. When
/// the model knows an <c>oos</c> (out-of-scope) intent, an answer less sure than <see cref="OutOfScopeBelow"/> is <c>oos</c>.
/// </summary>
internal sealed record Cascade(float NGramSure, float MeaningWeight, float? OutOfScopeBelow)
{
    public const string OutOfScope = "oos";

    /// <summary>For a model whose training kept nothing back to calibrate on.</summary>
    public static readonly Cascade Uncalibrated = new(0.9f, 0.5f, null);
}

/// <summary>
/// How one meaning model is learnt: its L2 weight, and whether each of the embedding's numbers is first scaled by its
/// spread over the training rows (ML.NET's <c>NormalizeMeanVariance</c>). ML.NET's L-BFGS divides the whole objective
/// by the number of rows, so an L2 weight of 1 is scikit-learn's default (C = 1).
/// </summary>
internal sealed record MeaningFit(float L2, bool Normalised)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"L2 {L2:0.####}{(Normalised ? " on normalised embeddings" : "")}");
}

/// <summary>Logistic regression (maximum entropy) over the 384-number sentence embedding.</summary>
internal static class MeaningModel
{
    /// <summary>
    /// The meaning models the learner tries, each judged on held-back rows. 1e-3 was the only weight once, and left the
    /// model nearly unregularised. The normalised one at C = 30 was the best MiniLM model alone on CLINC150's validation
    /// set (94.2 % in scope against 93.4 % for L2 0.1; docs/benchmarks.md): scaled alike, every number of the embedding
    /// is penalised alike by the one L2 weight, and a weaker weight then suits them all.
    /// </summary>
    public static readonly IReadOnlyList<MeaningFit> Candidates =
        [new(1e-3f, Normalised: false), new(1e-1f, Normalised: false), new(1f, Normalised: false), new(1f / 30, Normalised: true)];

    public static ITransformer Train(MLContext ml, IReadOnlyList<float[]> embeddings, IReadOnlyList<IntentExample> examples, MeaningFit fit)
    {
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey("Label");
        if (fit.Normalised)
        {
            pipeline = pipeline.Append(ml.Transforms.NormalizeMeanVariance("Features"));
        }

        return pipeline
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                L2Regularization = fit.L2,
                MaximumNumberOfIterations = 300,
                NumberOfThreads = Environment.ProcessorCount,
            }))
            .Fit(ml.Data.LoadFromEnumerable(Examples(embeddings, examples)));
    }

    public static IEnumerable<MeaningExample> Examples(IReadOnlyList<float[]> embeddings, IReadOnlyList<IntentExample> examples) =>
        examples.Select((e, i) => new MeaningExample { Features = embeddings[i], Label = e.Label });

    /// <summary>
    /// Chooses the blend weight, the cascade's confidence and the out-of-scope threshold from each model's
    /// probabilities on held-back utterances (rows: utterance; columns: the model's intents in order).
    /// </summary>
    public static Cascade Calibrate(IReadOnlyList<string> intents, IReadOnlyList<string> labels, float[][] nGram, float[][] meaning)
    {
        var truth = labels.Select(l => IndexOf(intents, l)).ToArray();
        // The blend that classifies the held-back rows best, counting the n-gram side's answers too.
        var weight = new[] { 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f }
            .Select(w => (w, Correct: truth.Where((t, i) => ArgMax(Blend(nGram[i], meaning[i], w)) == t).Count()))
            .OrderByDescending(x => x.Correct).ThenBy(x => x.w).First().w;
        var blended = nGram.Select((n, i) => Blend(n, meaning[i], weight)).ToArray();
        var blendCorrect = truth.Where((t, i) => ArgMax(blended[i]) == t).Count();

        // The lowest n-gram confidence from which answering without the encoder costs at most 0.1 % of the held-back rows.
        var sure = 0.99f;
        for (var step = 50; step <= 99; step++)
        {
            var threshold = step / 100f;
            var correct = truth.Where((t, i) => ArgMax(nGram[i][ArgMax(nGram[i])] >= threshold ? nGram[i] : blended[i]) == t).Count();
            if (correct >= blendCorrect - 0.001 * truth.Length)
            {
                sure = threshold;
                break;
            }
        }

        return new Cascade(sure, weight, OutOfScopeThreshold(intents, truth, nGram, blended, sure));
    }

    /// <summary>How many held-back rows a cascade classifies right, its out-of-scope threshold included.</summary>
    public static int Correct(IReadOnlyList<string> intents, IReadOnlyList<string> labels, float[][] nGram, float[][] meaning, Cascade cascade)
    {
        var oos = IndexOf(intents, Cascade.OutOfScope);
        var correct = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var answer = nGram[i][ArgMax(nGram[i])] >= cascade.NGramSure ? nGram[i] : Blend(nGram[i], meaning[i], cascade.MeaningWeight);
            var best = ArgMax(answer);
            if (oos >= 0 && cascade.OutOfScopeBelow is { } below && answer[best] < below)
            {
                best = oos;
            }

            correct += best == IndexOf(intents, labels[i]) ? 1 : 0;
        }

        return correct;
    }

    public static float[] Blend(float[] nGram, float[] meaning, float weight)
    {
        var blended = new float[nGram.Length];
        for (var i = 0; i < blended.Length; i++)
        {
            blended[i] = ((1 - weight) * nGram[i]) + (weight * meaning[i]);
        }

        return blended;
    }

    public static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// The highest threshold under which an answer becomes <c>oos</c> while the in-scope rows lose at most half a point:
    /// out-of-scope recall bought with little in-scope accuracy. None when the model knows no <c>oos</c>.
    /// </summary>
    private static float? OutOfScopeThreshold(IReadOnlyList<string> intents, int[] truth, float[][] nGram, float[][] blended, float sure)
    {
        var oos = IndexOf(intents, Cascade.OutOfScope);
        var inScope = truth.Count(t => t != oos);
        if (oos < 0 || inScope == 0)
        {
            return null;
        }

        var answers = truth.Select((_, i) => nGram[i][ArgMax(nGram[i])] >= sure ? nGram[i] : blended[i]).ToArray();
        int InScopeCorrect(float below) => truth.Where((t, i) => t != oos && ArgMax(answers[i]) == t && answers[i][t] >= below).Count();
        var unthresholded = InScopeCorrect(0);
        var chosen = 0f;
        for (var step = 1; step <= 90; step++)
        {
            if (InScopeCorrect(step / 100f) >= unthresholded - 0.005 * inScope)
            {
                chosen = step / 100f;
            }
        }

        return chosen;
    }

    private static int IndexOf(IReadOnlyList<string> intents, string label)
    {
        for (var i = 0; i < intents.Count; i++)
        {
            if (string.Equals(intents[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

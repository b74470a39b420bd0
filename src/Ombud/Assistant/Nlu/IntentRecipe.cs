using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace Ombud.Assistant.Nlu;

/// <summary>
/// How a model is learnt: whether utterances are normalised first, the models whose intent probabilities are
/// averaged, and whether a meaning model over sentence embeddings settles the unsure answers. Every recipe but
/// <see cref="Meaning"/> is a step on the way, kept so <c>docs/benchmarks.md</c> can be reproduced with the same executable.
/// </summary>
internal sealed record IntentRecipe(string Name, bool Normalises, IReadOnlyList<IntentRecipe.Member> Members, bool UsesMeaning = false)
{
    /// <summary>One model of an ensemble: its name for progress lines, and how to build it from labelled utterances.</summary>
    internal sealed record Member(string Name, Func<MLContext, IEstimator<ITransformer>> Build);

    /// <summary>ML.NET's out-of-the-box text classifier, the baseline Ombud's learner must beat.</summary>
    public static readonly IntentRecipe MlNetDefault = new("mlnet-default", Normalises: false,
        [new("SDCA, default text features", ml => Keyed(ml).Append(ml.Transforms.Text.FeaturizeText("Features", "Text"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()))]);

    public static readonly IntentRecipe NGramsNormalised = new("ngrams-normalised", Normalises: true,
        [new("SDCA, word 1-2 + char 1-5 grams", ml => Keyed(ml).Append(Featurize(ml)).Append(Sdca(ml)))]);

    public static readonly IntentRecipe SdcaLight = new("sdca-light", Normalises: true,
        [new("SDCA, L2 1e-5", ml => Keyed(ml).Append(Featurize(ml)).Append(Sdca(ml, 1e-5f, 50)))]);

    public static readonly IntentRecipe SdcaAuto = new("sdca-auto", Normalises: true,
        [new("SDCA, auto", ml => Keyed(ml).Append(Featurize(ml)).Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()))]);

    public static readonly IntentRecipe DefaultFeaturesNormalised = new("default-normalised", Normalises: true,
        [new("SDCA, word 1 + char 3 grams", ml => Keyed(ml).Append(DefaultFeatures(ml)).Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()))]);

    public static readonly IntentRecipe Perceptron = new("perceptron", Normalises: true,
        [new("one-vs-all averaged perceptron", ml => Keyed(ml).Append(Featurize(ml)).Append(
            ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.AveragedPerceptron(numberOfIterations: 10))))]);

    public static readonly IntentRecipe Lbfgs = new("lbfgs", Normalises: true,
        [new("L-BFGS maximum entropy", ml => Keyed(ml).Append(Featurize(ml)).Append(LbfgsMaxEnt(ml)))]);

    /// <summary>
    /// Ombud's learner: the averaged probabilities of two maximum-entropy models that see the utterance differently,
    /// one through rich word and character n-grams, one through ML.NET's plainer default features, so they err on
    /// different utterances.
    /// </summary>
    public static readonly IntentRecipe Ombud = new("ombud", Normalises: true,
    [
        new("SDCA L2 3e-6 on word 1-2 + char 1-5 grams", ml => Keyed(ml).Append(Featurize(ml)).Append(Sdca(ml, 3e-6f, 80))),
        new("SDCA on word 1 + char 3 grams", ml => Keyed(ml).Append(DefaultFeatures(ml)).Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())),
    ]);

    /// <summary>
    /// Ombud's learner since issue 11: the <see cref="Ombud"/> n-gram ensemble, and logistic regression over MiniLM
    /// sentence embeddings for the utterances the ensemble is unsure of (a <see cref="Cascade"/>).
    /// </summary>
    public static readonly IntentRecipe Meaning = Ombud with { Name = "ombud-meaning", UsesMeaning = true };

    /// <summary>The first shipped ensemble (rich-feature member at L2 1e-5, 50 passes), kept to reproduce its row.</summary>
    public static readonly IntentRecipe FirstEnsemble = new("ombud-1", Normalises: true,
    [
        new("SDCA on word 1-2 + char 1-5 grams", ml => Keyed(ml).Append(Featurize(ml)).Append(Sdca(ml, 1e-5f, 50))),
        new("SDCA on word 1 + char 3 grams", ml => Keyed(ml).Append(DefaultFeatures(ml)).Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())),
    ]);

    public static readonly IntentRecipe SdcaLighter = new("sdca-lighter", Normalises: true,
        [new("SDCA, L2 3e-6", ml => Keyed(ml).Append(Featurize(ml)).Append(Sdca(ml, 3e-6f, 80)))]);

    public static IReadOnlyList<IntentRecipe> All { get; } = [Meaning, Ombud, FirstEnsemble, MlNetDefault, DefaultFeaturesNormalised, NGramsNormalised, SdcaAuto, SdcaLight, SdcaLighter, Lbfgs, Perceptron];

    public static IntentRecipe? Find(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    private static ValueToKeyMappingEstimator Keyed(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label");

    // Word bigrams carry phrasing ("talk to", "not received"); character n-grams carry typos, inflections and
    // compounds ("ratenzahlung", "människa"), which matters for Swedish and German more than for English.
    private static TextFeaturizingEstimator Featurize(MLContext ml, int words = 2, int chars = 5, bool allCharLengths = true,
        NgramExtractingEstimator.WeightingCriteria weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf) =>
        ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = words, UseAllLengths = true, Weighting = weighting },
            CharFeatureExtractor = chars == 0
                ? null
                : new WordBagEstimator.Options { NgramLength = chars, UseAllLengths = allCharLengths, Weighting = weighting },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        }, "Text");

    private static TextFeaturizingEstimator DefaultFeatures(MLContext ml) =>
        Featurize(ml, words: 1, chars: 3, allCharLengths: false, weighting: NgramExtractingEstimator.WeightingCriteria.Tf);

    private static SdcaMaximumEntropyMulticlassTrainer Sdca(MLContext ml, float l2 = 1e-4f, int iterations = 30) =>
        ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            // Measured on CLINC150's validation set: 1e-5 beat both 1e-4 (by 2.9 points) and SDCA's own choice (by 0.7).
            L2Regularization = l2,
            MaximumNumberOfIterations = iterations,
            NumberOfThreads = Environment.ProcessorCount,
        });

    private static LbfgsMaximumEntropyMulticlassTrainer LbfgsMaxEnt(MLContext ml) =>
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = 1e-3f,
            MaximumNumberOfIterations = 200,
            NumberOfThreads = Environment.ProcessorCount,
        });
}

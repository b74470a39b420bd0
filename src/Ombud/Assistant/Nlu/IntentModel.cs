using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ombud.Assistant.Nlu;

/// <summary>
/// A learnt intent classifier: the intents it knows and the ML.NET models whose probabilities it averages. Saved as
/// one zip holding a manifest and each model's own ML.NET zip.
/// </summary>
internal sealed class IntentModel
{
    private const string ManifestEntry = "intents.json";

    private readonly MLContext _ml;
    private readonly IReadOnlyList<ITransformer> _members;
    private readonly DataViewSchema _inputSchema;

    public IntentModel(MLContext ml, string recipe, bool normalises, IReadOnlyList<string> intents, IReadOnlyList<ITransformer> members,
        DataViewSchema inputSchema)
    {
        _ml = ml;
        Recipe = recipe;
        Normalises = normalises;
        Intents = intents;
        _members = members;
        _inputSchema = inputSchema;
    }

    public string Recipe { get; }

    public bool Normalises { get; }

    /// <summary>The intents the model was trained on, in a fixed order that <see cref="IntentPredictor"/> scores follow.</summary>
    public IReadOnlyList<string> Intents { get; }

    /// <summary>A predictor for one thread: ML.NET's prediction engines keep buffers and are not thread-safe.</summary>
    public IntentPredictor CreatePredictor() =>
        new(this, [.. _members.Select(m => _ml.Model.CreatePredictionEngine<IntentExample, IntentScores>(m, _inputSchema))]);

    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        Directory.CreateDirectory(directory!);
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var manifest = zip.CreateEntry(ManifestEntry).Open())
        {
            JsonSerializer.Serialize(manifest, new Manifest(Recipe, Normalises, [.. Intents], _members.Count));
        }

        for (var i = 0; i < _members.Count; i++)
        {
            // ML.NET's own format is already compressed; storing it again saves nothing.
            using var entry = zip.CreateEntry($"model-{i}.zip", CompressionLevel.NoCompression).Open();
            _ml.Model.Save(_members[i], _inputSchema, entry);
        }
    }

    /// <summary>Loads a model saved by <see cref="Save"/>, or says why the file is not one.</summary>
    public static (IntentModel? Model, string? Error) Load(string path)
    {
        if (!File.Exists(path))
        {
            return (null, $"{path}: no such file.");
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifestEntry = zip.GetEntry(ManifestEntry);
            if (manifestEntry is null)
            {
                return (null, $"{path}: not an Ombud intent model (no {ManifestEntry} inside); make one with 'ombud nlu train'.");
            }

            Manifest manifest;
            using (var stream = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<Manifest>(stream) ?? throw new InvalidDataException("empty manifest");
            }

            var ml = new MLContext(seed: 1);
            var members = new List<ITransformer>();
            DataViewSchema? schema = null;
            for (var i = 0; i < manifest.Members; i++)
            {
                using var entry = zip.GetEntry($"model-{i}.zip")?.Open() ?? throw new InvalidDataException($"model-{i}.zip is missing");
                // ML.NET needs a seekable stream to read its own zip.
                using var copy = new MemoryStream();
                entry.CopyTo(copy);
                copy.Position = 0;
                members.Add(ml.Model.Load(copy, out schema));
            }

            return (new IntentModel(ml, manifest.Recipe, manifest.Normalises, manifest.Intents, members, schema!), null);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException)
        {
            return (null, $"{path}: not a readable Ombud intent model ({e.Message}).");
        }
    }

    private sealed record Manifest(string Recipe, bool Normalises, string[] Intents, int Members);
}

/// <summary>The intent an utterance expresses, how sure the model is, and the probability it gives every intent.</summary>
internal sealed record IntentPrediction(string Intent, float Confidence, float[] Probabilities);

/// <summary>Classifies one utterance at a time, averaging the probabilities of the model's members.</summary>
internal sealed class IntentPredictor
{
    private readonly IntentModel _model;
    private readonly IReadOnlyList<PredictionEngine<IntentExample, IntentScores>> _engines;
    // Each member orders its probabilities by its own label keys; this maps them onto the model's intent order.
    private readonly int[][] _slotToIntent;
    private readonly IntentExample _input = new();

    public IntentPredictor(IntentModel model, IReadOnlyList<PredictionEngine<IntentExample, IntentScores>> engines)
    {
        _model = model;
        _engines = engines;
        var index = model.Intents.Select((intent, i) => (intent, i)).ToDictionary(p => p.intent, p => p.i, StringComparer.Ordinal);
        _slotToIntent = [.. engines.Select(engine =>
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            engine.OutputSchema["Score"].GetSlotNames(ref names);
            return names.DenseValues().Select(name => index[name.ToString()]).ToArray();
        })];
    }

    public IntentPrediction Predict(string utterance)
    {
        _input.Text = _model.Normalises ? UtteranceNormaliser.Normalise(utterance) : utterance;
        var probabilities = new float[_model.Intents.Count];
        for (var m = 0; m < _engines.Count; m++)
        {
            var scores = _engines[m].Predict(_input).Score;
            var slots = _slotToIntent[m];
            for (var s = 0; s < scores.Length; s++)
            {
                probabilities[slots[s]] += scores[s] / _engines.Count;
            }
        }

        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        return new IntentPrediction(_model.Intents[best], probabilities[best], probabilities);
    }
}

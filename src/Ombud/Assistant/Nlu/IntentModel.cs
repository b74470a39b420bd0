using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ombud.Assistant.Nlu;

/// <summary>
/// A learnt intent classifier: the intents it knows and the ML.NET models whose probabilities it averages, and, when
/// it was learnt with sentence embeddings, a meaning model consulted by a <see cref="Nlu.Cascade"/>. Saved as one zip
/// holding a manifest and each model's own ML.NET zip.
/// </summary>
internal sealed class IntentModel
{
    private const string ManifestEntry = "intents.json";
    private const string MeaningEntry = "meaning.zip";

    private readonly MLContext _ml;
    private readonly IReadOnlyList<ITransformer> _members;
    private readonly DataViewSchema _inputSchema;

    private readonly (ITransformer Model, DataViewSchema Schema)? _meaning;

    public IntentModel(MLContext ml, string recipe, bool normalises, IReadOnlyList<string> intents, IReadOnlyList<ITransformer> members,
        DataViewSchema inputSchema, (ITransformer Model, DataViewSchema Schema)? meaning = null, Cascade? cascade = null,
        MeaningFit? meaningFit = null)
    {
        _meaning = meaning;
        MeaningFit = meaningFit;
        Cascade = cascade ?? Cascade.Uncalibrated;
        _ml = ml;
        Recipe = recipe;
        Normalises = normalises;
        Intents = intents;
        _members = members;
        _inputSchema = inputSchema;
    }

    public string Recipe { get; }

    public bool Normalises { get; }

    /// <summary>Whether the model has a meaning model, so that an unsure n-gram answer is settled by sentence embeddings.</summary>
    public bool UsesMeaning => _meaning is not null;

    public Cascade Cascade { get; }

    /// <summary>How the meaning model was learnt; unknown for a model saved before the learner recorded it.</summary>
    public MeaningFit? MeaningFit { get; }

    /// <summary>This model's n-gram members with a meaning model learnt beside them, combined by a cascade.</summary>
    public IntentModel WithMeaning((ITransformer Model, DataViewSchema Schema) meaning, MeaningFit fit, Cascade cascade) =>
        new(_ml, Recipe, Normalises, Intents, _members, _inputSchema, meaning, cascade, fit);

    public IntentModel WithCascade(Cascade cascade) => new(_ml, Recipe, Normalises, Intents, _members, _inputSchema, _meaning, cascade, MeaningFit);

    /// <summary>The n-gram ensemble alone, as the model was before sentence embeddings (same members, no cascade, no out-of-scope threshold).</summary>
    public IntentModel WithoutMeaning() => new(_ml, Recipe, Normalises, Intents, _members, _inputSchema);

    /// <summary>The intents the model was trained on, in a fixed order that <see cref="IntentPredictor"/> scores follow.</summary>
    public IReadOnlyList<string> Intents { get; }

    /// <summary>A predictor for one thread: ML.NET's prediction engines keep buffers and are not thread-safe.</summary>
    public IntentPredictor CreatePredictor() =>
        new(this, [.. _members.Select(m => _ml.Model.CreatePredictionEngine<IntentExample, IntentScores>(m, _inputSchema))],
            _meaning is { } meaning ? _ml.Model.CreatePredictionEngine<MeaningExample, IntentScores>(meaning.Model, meaning.Schema) : null);

    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        Directory.CreateDirectory(directory!);
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var manifest = zip.CreateEntry(ManifestEntry).Open())
        {
            JsonSerializer.Serialize(manifest, new Manifest(Recipe, Normalises, [.. Intents], _members.Count, UsesMeaning ? Cascade : null, MeaningFit));
        }

        if (_meaning is { } meaning)
        {
            using var entry = zip.CreateEntry(MeaningEntry, CompressionLevel.NoCompression).Open();
            _ml.Model.Save(meaning.Model, meaning.Schema, entry);
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
                members.Add(LoadEntry(ml, zip, $"model-{i}.zip", out schema));
            }

            // A model saved before sentence embeddings has no cascade in its manifest and is used as it was.
            (ITransformer, DataViewSchema)? meaning = null;
            if (manifest.Cascade is not null)
            {
                var model = LoadEntry(ml, zip, MeaningEntry, out var meaningSchema);
                if (meaningSchema.GetColumnOrNull(nameof(MeaningExample.Features))?.Type is not VectorDataViewType { Size: SentenceMeaning.Dimensions })
                {
                    // Models from before the meaning model read two layers learnt on the last one alone (384 numbers).
                    return (null, $"{path}: its meaning model reads sentences another way than this Ombud encodes them; train it again with 'ombud nlu train'.");
                }

                meaning = (model, meaningSchema);
            }

            return (new IntentModel(ml, manifest.Recipe, manifest.Normalises, manifest.Intents, members, schema!, meaning, manifest.Cascade,
                manifest.MeaningFit), null);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException)
        {
            return (null, $"{path}: not a readable Ombud intent model ({e.Message}).");
        }
    }

    private static ITransformer LoadEntry(MLContext ml, ZipArchive zip, string name, out DataViewSchema schema)
    {
        using var entry = zip.GetEntry(name)?.Open() ?? throw new InvalidDataException($"{name} is missing");
        // ML.NET needs a seekable stream to read its own zip.
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        copy.Position = 0;
        return ml.Model.Load(copy, out schema);
    }

    private sealed record Manifest(string Recipe, bool Normalises, string[] Intents, int Members, Cascade? Cascade = null,
        MeaningFit? MeaningFit = null);
}

/// <summary>
/// The intent an utterance expresses, how sure the model is, and the probability it gives every intent; whether the
/// sentence encoder was run for it, and the embedding if so (so that other readings of the turn can reuse it).
/// </summary>
internal sealed record IntentPrediction(string Intent, float Confidence, float[] Probabilities, float[]? Embedding = null)
{
    /// <summary>The n-gram ensemble's own probabilities, before any blend with the meaning model.</summary>
    public float[] NGramProbabilities { get; init; } = Probabilities;

    public bool UsedMeaning => Embedding is not null;
}

/// <summary>
/// Classifies one utterance at a time: averages the n-gram members' probabilities and, when the model has a meaning
/// model and the n-gram answer is not sure enough (or the caller asks for the meaning), blends in the meaning model's.
/// </summary>
internal sealed class IntentPredictor
{
    private readonly IntentModel _model;
    private readonly IReadOnlyList<PredictionEngine<IntentExample, IntentScores>> _engines;
    private readonly PredictionEngine<MeaningExample, IntentScores>? _meaning;
    // Each member orders its probabilities by its own label keys; this maps them onto the model's intent order.
    private readonly int[][] _slotToIntent;
    private readonly int[] _meaningSlotToIntent = [];
    private readonly IntentExample _input = new();
    private readonly MeaningExample _meaningInput = new();

    public IntentPredictor(IntentModel model, IReadOnlyList<PredictionEngine<IntentExample, IntentScores>> engines,
        PredictionEngine<MeaningExample, IntentScores>? meaning)
    {
        _model = model;
        _engines = engines;
        _meaning = meaning;
        _slotToIntent = [.. engines.Select(engine => SlotsToIntents(model, engine.OutputSchema))];
        if (meaning is not null)
        {
            _meaningSlotToIntent = SlotsToIntents(model, meaning.OutputSchema);
        }
    }

    /// <param name="withMeaning">Encode the sentence even when the n-gram answer is sure (the caller needs the embedding).</param>
    public IntentPrediction Predict(string utterance, bool withMeaning = false)
    {
        var nGram = NGramProbabilities(utterance);
        var probabilities = nGram;
        float[]? embedding = null;
        if (_meaning is not null && (withMeaning || nGram[MeaningModel.ArgMax(nGram)] < _model.Cascade.NGramSure))
        {
            embedding = SentenceMeaning.Encode(utterance);
            probabilities = MeaningModel.Blend(nGram, MeaningProbabilities(embedding), _model.Cascade.MeaningWeight);
        }

        var best = MeaningModel.ArgMax(probabilities);
        var intent = _model.Intents[best];
        if (_model.Cascade.OutOfScopeBelow is { } below && probabilities[best] < below && _model.Intents.Contains(Cascade.OutOfScope))
        {
            intent = Cascade.OutOfScope;
        }

        return new IntentPrediction(intent, probabilities[best], probabilities, embedding) { NGramProbabilities = nGram };
    }

    /// <summary>The n-gram ensemble's probabilities alone, in the model's intent order.</summary>
    public float[] NGramProbabilities(string utterance)
    {
        _input.Text = _model.Normalises ? UtteranceNormaliser.Normalise(utterance) : utterance;
        var probabilities = new float[_model.Intents.Count];
        for (var m = 0; m < _engines.Count; m++)
        {
            Accumulate(probabilities, _engines[m].Predict(_input).Score, _slotToIntent[m], 1f / _engines.Count);
        }

        return probabilities;
    }

    /// <summary>The meaning model's probabilities for an embedding, in the model's intent order.</summary>
    public float[] MeaningProbabilities(float[] embedding)
    {
        var probabilities = new float[_model.Intents.Count];
        if (_meaning is not null)
        {
            _meaningInput.Features = embedding;
            Accumulate(probabilities, _meaning.Predict(_meaningInput).Score, _meaningSlotToIntent, 1f);
        }

        return probabilities;
    }

    private static void Accumulate(float[] into, float[] scores, int[] slots, float share)
    {
        for (var s = 0; s < scores.Length; s++)
        {
            into[slots[s]] += scores[s] * share;
        }
    }

    private static int[] SlotsToIntents(IntentModel model, DataViewSchema output)
    {
        var index = model.Intents.Select((intent, i) => (intent, i)).ToDictionary(p => p.intent, p => p.i, StringComparer.Ordinal);
        VBuffer<ReadOnlyMemory<char>> names = default;
        output["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(name => index[name.ToString()])];
    }
}

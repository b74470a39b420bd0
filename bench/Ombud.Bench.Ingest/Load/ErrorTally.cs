using System.Text;

namespace Ombud.Bench.Ingest.Load;

/// <summary>
/// Errors by bucket (status code, "timeout", "transport") with the first body of each, because a count alone
/// never says why a server answered 400.
/// </summary>
internal sealed class ErrorTally
{
    private const int SampleLength = 400;
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> samples = new(StringComparer.Ordinal);

    public long Total
    {
        get
        {
            lock (gate)
            {
                return counts.Values.Sum();
            }
        }
    }

    public void Add(string bucket, byte[]? body)
    {
        lock (gate)
        {
            counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
            if (!samples.ContainsKey(bucket))
            {
                samples[bucket] = Sample(body);
            }
        }
    }

    public IReadOnlyDictionary<string, long> Counts()
    {
        lock (gate)
        {
            return new SortedDictionary<string, long>(counts, StringComparer.Ordinal);
        }
    }

    public IReadOnlyDictionary<string, string> Samples()
    {
        lock (gate)
        {
            return new SortedDictionary<string, string>(samples, StringComparer.Ordinal);
        }
    }

    public string Summary()
    {
        var counted = Counts();
        return counted.Count == 0 ? "none" : string.Join(", ", counted.Select(kv => $"{kv.Key}: {kv.Value}"));
    }

    private static string Sample(byte[]? body)
    {
        if (body is null || body.Length == 0)
        {
            return "(empty body)";
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, SampleLength * 4)).ReplaceLineEndings(" ");
        return text.Length > SampleLength ? text[..SampleLength] + "…" : text;
    }
}

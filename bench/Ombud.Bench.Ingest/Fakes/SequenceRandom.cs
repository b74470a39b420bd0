namespace Ombud.Bench.Ingest.Fakes;

/// <summary>
/// A generator per request, seeded from the request's sequence number rather than per worker, so with --seed the
/// n-th order has the same content whatever the concurrency and whichever worker happened to send it.
/// </summary>
internal static class SequenceRandom
{
    public static Random For(int seed, int stream, long sequence)
    {
        // SplitMix64 finaliser: HashCode.Combine would do, but it is salted per process and so not repeatable.
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)stream << 56) ^ (ulong)sequence);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random(unchecked((int)z));
    }
}

using System.Buffers.Binary;

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// The one source of chance in the demo world. Seeded <see cref="Random"/> is the same sequence on every .NET version
/// and machine, so the world is a pure function of (customers, seed, as-of date) as long as every draw happens in a
/// fixed order and only exact arithmetic touches the numbers: no hash-ordered collections, no Math.Exp or Math.Log,
/// whose last bits may differ between platforms.
/// </summary>
internal sealed class DemoRandom(int seed)
{
    private readonly Random _random = new(seed);

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Between(int min, int max) => _random.Next(min, max + 1);

    public long Between(long min, long max) => _random.NextInt64(min, max + 1);

    /// <summary>True with the given chance in percent.</summary>
    public bool Percent(int chance) => _random.Next(100) < chance;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Picks by integer weights, so no rounding can differ between machines.</summary>
    public T PickWeighted<T>(IReadOnlyList<(T Item, int Weight)> weighted)
    {
        var total = 0;
        foreach (var (_, weight) in weighted)
        {
            total += weight;
        }

        var roll = _random.Next(total);
        foreach (var (item, weight) in weighted)
        {
            if (roll < weight)
            {
                return item;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("Weights must be positive.");
    }

    public string Digits(int count)
    {
        Span<char> chars = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + _random.Next(10));
        }

        return new string(chars);
    }

    public string Letters(int count, string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ")
    {
        Span<char> chars = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>A device fingerprint as a fraud tool would log it: 128 bits in lower-case hex.</summary>
    public string Fingerprint()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>
    /// A version 7 GUID for something that came into being at <paramref name="at"/>: the time in its first 48 bits,
    /// so rows sort and index by time as with <see cref="Guid.CreateVersion7()"/>, but the other bits drawn from the
    /// seed, so the same world has the same ids.
    /// </summary>
    public Guid Id(DateTime at)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var milliseconds = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, milliseconds);
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>A moment between two others, to the second.</summary>
    public DateTime Between(DateTime from, DateTime to)
    {
        var seconds = (long)(to - from).TotalSeconds;
        return seconds <= 0 ? from : from.AddSeconds(_random.NextInt64(seconds));
    }

    /// <summary>A time of day when people shop: mostly evenings, rarely at night (UTC, close enough for Europe).</summary>
    public TimeSpan ShoppingHour() =>
        TimeSpan.FromHours(PickWeighted<int>([(7, 2), (9, 4), (11, 6), (13, 6), (15, 5), (17, 7), (19, 9), (21, 6), (23, 1)]))
        + TimeSpan.FromSeconds(_random.Next(7200));

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

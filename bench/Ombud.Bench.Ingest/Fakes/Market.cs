namespace Ombud.Bench.Ingest.Fakes;

/// <summary>
/// A country customers live in, with what makes their orders look local: currency, phone numbering, places and
/// names. <see cref="PerEuroHundredths"/> converts catalogue prices (euro cents) into this currency's minor units.
/// </summary>
internal sealed record Market(
    string Country,
    string Currency,
    string Locale,
    int Weight,
    int PerEuroHundredths,
    long StandardShippingFee,
    Func<Random, string> Phone,
    Func<Random, string> PostalCode,
    IReadOnlyList<string> Cities,
    IReadOnlyList<string> Streets,
    Func<Random, string, string> StreetLine,
    IReadOnlyList<string> FirstNames,
    IReadOnlyList<string> LastNames,
    IReadOnlyList<string> IpPrefixes)
{
    /// <summary>
    /// Shop prices end in 9 (whole kronor in SEK, .99 elsewhere), so converted prices are shaped like real ones.
    /// </summary>
    public long Price(long euroCents)
    {
        var minor = euroCents * PerEuroHundredths / 100;
        var major = Math.Max(1, (minor + 50) / 100);
        return Currency == "SEK"
            ? ((major / 10 * 10) + 9) * 100
            : (major * 100) - 1;
    }
}

namespace Ombud.Platform;

/// <summary>An amount of money in integer minor units (öre, cent, penny) of an ISO 4217 currency.</summary>
public readonly record struct Money(long Minor, string Currency)
{
    /// <summary>Most digits an amount may have in the major unit, as card processors allow (Stripe: 8, 99,999,999.99).</summary>
    public const int MaxMajorDigits = 8;

    public static Money Zero(string currency) => new(0, currency);

    /// <summary>
    /// The largest single amount Ombud stores in <paramref name="currency"/>: 8 digits in the major unit and the minor
    /// digits of the currency (9 999 999 999 for SEK, 99 999 999 for JPY). With every stored amount below 10^11, sums
    /// over tens of millions of rows stay far inside a 64-bit integer; an unknown currency gets the loosest bound.
    /// </summary>
    public static long MaxMinor(string? currency) =>
        (long)Math.Pow(10, MaxMajorDigits + (Currencies.IsKnown(currency) ? Currencies.MinorUnitExponent(currency!) : 3)) - 1;

    public bool IsZero => Minor == 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + b.Minor), SameCurrency(a, b));

    public static Money operator -(Money a, Money b) => new(checked(a.Minor - b.Minor), SameCurrency(a, b));

    public static Money operator *(Money a, int factor) => new(checked(a.Minor * factor), a.Currency);

    public static bool operator <(Money a, Money b) => a.Minor < SameCurrencyMinor(a, b);

    public static bool operator >(Money a, Money b) => a.Minor > SameCurrencyMinor(a, b);

    public static bool operator <=(Money a, Money b) => a.Minor <= SameCurrencyMinor(a, b);

    public static bool operator >=(Money a, Money b) => a.Minor >= SameCurrencyMinor(a, b);

    public Money Min(Money other) => this <= other ? this : other;

    /// <summary>
    /// Splits the amount into <paramref name="parts"/> amounts that add up exactly; the first parts carry the
    /// remainder, so "100.00 in 3" is 33.34 + 33.33 + 33.33 and no minor unit is lost.
    /// </summary>
    public IReadOnlyList<Money> Split(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var share = Minor / parts;
        var remainder = Minor % parts;
        var result = new Money[parts];
        for (var i = 0; i < parts; i++)
        {
            result[i] = new Money(share + (i < Math.Abs(remainder) ? Math.Sign(remainder) : 0), Currency);
        }

        return result;
    }

    /// <summary>"17,428.72 SEK": grouped, with the currency's own number of decimals.</summary>
    public override string ToString()
    {
        var exponent = Currencies.MinorUnitExponent(Currency);
        // decimal only to print: the amount itself never leaves whole minor units.
        var major = Minor / (decimal)Math.Pow(10, exponent);
        return $"{major.ToString($"N{exponent}", System.Globalization.CultureInfo.InvariantCulture)} {Currency}";
    }

    private static string SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");

    private static long SameCurrencyMinor(Money a, Money b)
    {
        SameCurrency(a, b);
        return b.Minor;
    }
}

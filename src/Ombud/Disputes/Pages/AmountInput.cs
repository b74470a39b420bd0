using System.Globalization;
using Ombud.Platform;

namespace Ombud.Disputes.Pages;

/// <summary>
/// Reads an amount a person typed ("49.90", "49,90", "1,234.50") into whole minor units of a currency. The decimal
/// is only a parsing step: an amount with more decimals than the currency has is refused, never rounded.
/// </summary>
internal static class AmountInput
{
    /// <summary>Null for an empty entry (the caller's default); otherwise the amount, or a message saying what is wrong.</summary>
    public static Outcome<Money?> Read(string? text, string currency, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (Money?)null;
        }

        var cleaned = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != '_')]);
        if (cleaned.EndsWith(currency, StringComparison.OrdinalIgnoreCase))
        {
            cleaned = cleaned[..^currency.Length];
        }

        // With both separators the comma groups thousands; a comma alone is a decimal comma, as most of Europe writes it.
        cleaned = cleaned.Contains('.', StringComparison.Ordinal) ? cleaned.Replace(",", "", StringComparison.Ordinal) : cleaned.Replace(',', '.');
        var exponent = Currencies.MinorUnitExponent(currency);
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            return Invalid.Field(field, $"Write the amount as a number, e.g. {Example(exponent)}.");
        }

        var minor = major * (decimal)Math.Pow(10, exponent);
        if (minor != decimal.Truncate(minor))
        {
            return Invalid.Field(field, $"{currency} has {exponent} decimal{(exponent == 1 ? "" : "s")}; the amount has more.");
        }

        if (minor <= 0 || minor > long.MaxValue)
        {
            return Invalid.Field(field, "The amount must be more than nothing.");
        }

        return (Money?)new Money((long)minor, currency);
    }

    private static string Example(int exponent) => exponent == 0 ? "250" : "49." + new string('9', exponent);
}

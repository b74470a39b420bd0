using System.Globalization;
using Ombud.Platform;

namespace Ombud.Web;

/// <summary>
/// How amounts, numbers, dates and times read on the pages: in the language and time zone of the person looking
/// (<see cref="Viewer.Current"/>). Each module says its own domain words (<c>CommerceWords</c>). Stored values stay
/// UTC and minor units; this is only how they are written.
/// </summary>
internal static class Display
{
    /// <summary>
    /// "4 224,50 kr" (sv-SE), "4.224,50 SEK" (de-DE), "SEK 4,224.50" (en-US): the viewer's own currency with its
    /// symbol, others with their code; "4,224.50 SEK" for the neutral viewer (<see cref="Viewer.Default"/>).
    /// </summary>
    public static string Money(Money amount) => Money(amount, Viewer.Current.Culture);

    /// <summary>Nothing for no amount.</summary>
    public static string Money(Money? amount) => amount is { } known ? Money(known) : "";

    public static string Money(Money amount, CultureInfo culture)
    {
        if (culture.Name.Length == 0)
        {
            return amount.ToString();
        }

        var exponent = Currencies.IsKnown(amount.Currency) ? Currencies.MinorUnitExponent(amount.Currency) : 2;
        // decimal only to print: the amount itself never leaves whole minor units.
        var major = amount.Minor / (decimal)Math.Pow(10, exponent);
        return major.ToString("C", CurrencyFormat(culture, amount.Currency, exponent));
    }

    public static string Date(DateTime utc) => Date(utc, Viewer.Current);

    public static string Date(DateTime utc, Viewer viewer) => Local(utc, viewer).ToString("d MMM yyyy", viewer.Culture);

    /// <summary>A calendar date (a due date): the same day wherever the viewer is.</summary>
    public static string Date(DateOnly value) => value.ToString("d MMM yyyy", Viewer.Current.Culture);

    /// <summary>A month of the calendar: "Dec 2026", "dec. 2026", "Dez. 2026".</summary>
    public static string Month(DateOnly value) => value.ToString("MMM yyyy", Viewer.Current.Culture);

    /// <summary>
    /// Calendar days from–to, both included, the year left out: "1–5 Dec", "28 Nov – 4 Dec"; one day alone, "5 Dec".
    /// </summary>
    public static string Days(DateOnly from, DateOnly to)
    {
        var culture = Viewer.Current.Culture;
        string Day(DateOnly d) => d.ToString("d MMM", culture);
        return from == to ? Day(from)
            : from.Year == to.Year && from.Month == to.Month ? $"{from.Day.ToString(culture)}–{Day(to)}"
            : $"{Day(from)} – {Day(to)}";
    }

    /// <summary>"5 Dec 2026 12:03" in the viewer's time zone; "… UTC" when the browser has not said its zone.</summary>
    public static string Timestamp(DateTime utc) => Timestamp(utc, Viewer.Current);

    public static string Timestamp(DateTime utc, Viewer viewer)
    {
        var text = Local(utc, viewer).ToString("d MMM yyyy HH:mm", viewer.Culture);
        return viewer.TimeZone == TimeZoneInfo.Utc ? text + " UTC" : text;
    }

    /// <summary>A count with the viewer's digit grouping: "12,345", "12 345", "12.345".</summary>
    public static string Count(long value) => value.ToString("N0", Viewer.Current.Culture);

    /// <summary>A refusal in one line for a page: each invalid field with its message, or the error's own words.</summary>
    public static string Problem(Platform.DomainError error) => error is Platform.Invalid invalid
        ? string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))
        : error.Detail;

    public static string Percent(int part, int whole) =>
        whole == 0 ? "–" : (part / (double)whole).ToString("P1", Viewer.Current.Culture);

    private static DateTime Local(DateTime utc, Viewer viewer) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), viewer.TimeZone);

    private static NumberFormatInfo CurrencyFormat(CultureInfo culture, string currency, int exponent)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencyDecimalDigits = exponent;
        if (!string.Equals(new RegionInfo(culture.Name).ISOCurrencySymbol, currency, StringComparison.Ordinal))
        {
            // Another country's money: its ISO code, set apart by a space where the culture writes its symbol
            // (en "$n" → "SEK n"; sv/de "n kr" → "n SEK").
            var symbolFirst = format.CurrencyPositivePattern is 0 or 2;
            format.CurrencySymbol = currency;
            format.CurrencyPositivePattern = symbolFirst ? 2 : 3;
            format.CurrencyNegativePattern = symbolFirst ? 9 : 8;
        }

        return format;
    }
}

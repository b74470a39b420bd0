using System.Globalization;
using Ombud.Platform;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// How a reply writes amounts and dates for the language it is in and the shopper's market: "4 224,50 kr" and
/// "9 december 2026" in Swedish, "4.224,50 SEK" and "9. Dezember 2026" in German, "4,224.50 SEK" and "2026-12-09" in
/// English; a moment (a report, a deadline) is dated in the market's time zone, never in UTC.
/// </summary>
internal sealed record Wording(string Language, CultureInfo Culture, TimeZoneInfo Zone)
{
    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SE"] = "Europe/Stockholm",
        ["DE"] = "Europe/Berlin",
        ["AT"] = "Europe/Vienna",
        ["CH"] = "Europe/Zurich",
        ["NO"] = "Europe/Oslo",
        ["DK"] = "Europe/Copenhagen",
        ["FI"] = "Europe/Helsinki",
        ["NL"] = "Europe/Amsterdam",
        ["GB"] = "Europe/London",
    };

    public static Wording For(string language, string? market)
    {
        var culture = language switch
        {
            "sv" => CultureInfo.GetCultureInfo("sv-SE"),
            "de" => CultureInfo.GetCultureInfo(market?.ToUpperInvariant() is "AT" or "CH" ? $"de-{market.ToUpperInvariant()}" : "de-DE"),
            _ => CultureInfo.InvariantCulture,
        };
        var zone = (market is not null && Zones.TryGetValue(market, out var id) ? Web.Viewer.ZoneNamed(id) : null) ?? TimeZoneInfo.Utc;
        return new Wording(language, culture, zone);
    }

    public string Money(Money amount) => Web.Display.Money(amount, Culture);

    public string Date(DateOnly date) => Language switch
    {
        "sv" => date.ToString("d MMMM yyyy", Culture),
        "de" => date.ToString("d. MMMM yyyy", Culture),
        _ => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>The calendar day a UTC moment falls on where the shopper lives.</summary>
    public string Date(DateTime utc) => Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone)));

    /// <summary>The arguments of a phrase as this reader writes them; anything but money and dates as it is.</summary>
    public object[] Format(object[] args) => [.. args.Select(a => a switch
    {
        Money m => Money(m),
        DateOnly d => Date(d),
        DateTime t => Date(t),
        IEnumerable<Money> many => string.Join(", ", many.Select(Money)),
        _ => a,
    })];
}

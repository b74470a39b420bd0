using System.Globalization;
using Ombud.Platform;
using Ombud.Web;

namespace Ombud.Commerce.Difficulty;

/// <summary>
/// The language a notice to a shopper is written in: their own locale when we have words for it (sv, de, en), else
/// English with neutral amounts ("4,224.50 SEK"). Amounts and dates are written the way the shopper's locale writes them
/// (sv-SE "4 224,50 kr", "5 december 2026"; de-DE "4.224,50 €", "5. Dezember 2026").
/// </summary>
internal sealed record ShopperLanguage(string Language, CultureInfo Culture)
{
    public static readonly string[] Supported = ["en", "sv", "de"];

    public static ShopperLanguage Of(string? locale)
    {
        var language = (locale ?? "").Split('-', '_')[0].ToLowerInvariant();
        if (!Supported.Contains(language))
        {
            return new("en", CultureInfo.InvariantCulture);
        }

        try
        {
            return new(language, CultureInfo.GetCultureInfo(locale!, predefinedOnly: true));
        }
        catch (CultureNotFoundException)
        {
            return new(language, CultureInfo.GetCultureInfo(language));
        }
    }

    public string Money(Money amount) => Display.Money(amount, Culture);

    /// <summary>A calendar day in a letter: "9 december 2026", "9. Dezember 2026" (German writes the day as an ordinal), "9 December 2026".</summary>
    public string Date(DateOnly day) => day.ToString(Language == "de" ? "d. MMMM yyyy" : "d MMMM yyyy", Culture);

    /// <summary>A text of the language's words with its values written in the shopper's culture.</summary>
    public string Format(string format, params object[] args) => string.Format(Culture, format, args);

    /// <summary>"a, b and c" in the language.</summary>
    public string List(IReadOnlyList<string> parts, string and) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + $" {and} " + parts[^1],
    };
}

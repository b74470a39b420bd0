using System.Globalization;
using System.Text.RegularExpressions;
using Ombud.Assistant.Dialogue;
using Ombud.Platform;

namespace Ombud.Assistant.Understanding;

/// <summary>
/// Finds the order references, amounts, dates, merchants, list positions and parcel tracking numbers in a message.
/// Orders and merchants are matched against the shopper's own only.
/// </summary>
internal static partial class EntityExtractor
{
    private static readonly Dictionary<string, string> CurrencyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sek"] = "SEK", ["kr"] = "SEK", ["kronor"] = "SEK", ["kronor."] = "SEK",
        ["eur"] = "EUR", ["€"] = "EUR", ["euro"] = "EUR", ["euros"] = "EUR",
        ["usd"] = "USD", ["$"] = "USD", ["dollar"] = "USD", ["dollars"] = "USD",
        ["gbp"] = "GBP", ["£"] = "GBP", ["pound"] = "GBP", ["pounds"] = "GBP",
        ["nok"] = "NOK", ["dkk"] = "DKK", ["chf"] = "CHF",
    };

    private static readonly string[][] Months =
    [
        ["january", "jan", "januari", "januar", "jänner"], ["february", "feb", "februari", "februar"], ["march", "mar", "mars", "märz", "marz"],
        ["april", "apr"], ["may", "maj", "mai"], ["june", "jun", "juni"], ["july", "jul", "juli"], ["august", "aug", "augusti"],
        ["september", "sep", "sept"], ["october", "oct", "oktober", "okt"], ["november", "nov"], ["december", "dec", "dezember", "dez"],
    ];

    private static readonly Dictionary<string, int> OrdinalWords = new(StringComparer.Ordinal)
    {
        ["first"] = 1, ["1st"] = 1, ["second"] = 2, ["2nd"] = 2, ["third"] = 3, ["3rd"] = 3, ["fourth"] = 4, ["4th"] = 4, ["fifth"] = 5,
        ["första"] = 1, ["forsta"] = 1, ["andra"] = 2, ["tredje"] = 3, ["fjärde"] = 4, ["femte"] = 5,
        ["erste"] = 1, ["ersten"] = 1, ["erstes"] = 1, ["zweite"] = 2, ["zweiten"] = 2, ["dritte"] = 3, ["dritten"] = 3, ["vierte"] = 4, ["fünfte"] = 5,
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["ett"] = 1, ["två"] = 2, ["tre"] = 3, ["eins"] = 1, ["zwei"] = 2, ["drei"] = 3,
    };

    private static readonly string[] Carriers =
    [
        "PostNord", "DHL", "UPS", "DPD", "GLS", "Bring", "Budbee", "Instabox", "Hermes", "Evri", "Royal Mail", "USPS", "FedEx",
        "Deutsche Post", "Schenker", "Airmee", "Early Bird",
    ];

    public static Entities Extract(string text, CustomerFacts facts, DateOnly today)
    {
        var words = TextSanitiser.Words(text);
        var (orders, unknown, tracking) = References(text, facts);
        var carrier = Carriers.FirstOrDefault(c => text.Contains(c, StringComparison.OrdinalIgnoreCase));
        if (carrier is not null && tracking is null && unknown.Count > 0)
        {
            // "PostNord 00370712345" names a parcel, not an order.
            tracking = unknown[0];
            unknown = [.. unknown.Skip(1)];
        }

        return new Entities(orders, unknown, MerchantsNamed(words, facts), Amount(text), Dates(text, today), Ordinal(words), carrier, tracking);
    }

    /// <summary>
    /// Tokens that look like references (letters, digits and dashes with at least four digits, or a GUID). Those that
    /// are one of the shopper's orders become order ids; the rest stay unknown, whoever they may belong to.
    /// </summary>
    private static (List<Guid> Orders, List<string> Unknown, string? Tracking) References(string text, CustomerFacts facts)
    {
        var orders = new List<Guid>();
        var unknown = new List<string>();
        foreach (Match match in ReferenceToken().Matches(text))
        {
            var token = match.Value.Trim('-', '/', '.');
            if (token.Count(char.IsDigit) < 4 || AmountPattern().IsMatch(token) && !token.Any(char.IsLetter) && token.Length < 7 || IsoDate().IsMatch(token))
            {
                continue;
            }

            var own = facts.Orders.FirstOrDefault(o =>
                string.Equals(o.Order.ExternalId, token, StringComparison.OrdinalIgnoreCase)
                || string.Equals(o.Id.ToString(), token, StringComparison.OrdinalIgnoreCase)
                || (token.Length >= 8 && o.Id.ToString("N").StartsWith(token.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)));
            if (own is not null)
            {
                if (!orders.Contains(own.Id))
                {
                    orders.Add(own.Id);
                }
            }
            else if (!IsPlainNumber(token))
            {
                unknown.Add(token.Length > 40 ? token[..40] : token);
            }
        }

        return (orders, unknown, null);
    }

    private static bool IsPlainNumber(string token) => token.All(c => char.IsDigit(c) || c is '.' or ',') && token.Length < 9;

    private static List<Guid> MerchantsNamed(string[] words, CustomerFacts facts)
    {
        var folded = words.Select(TextSanitiser.FoldAccents).ToArray();
        var found = new List<Guid>();
        foreach (var order in facts.Orders)
        {
            if (found.Contains(order.Order.MerchantId))
            {
                continue;
            }

            // A merchant is named by its first distinctive word: "Nordljud" for "Nordljud Elektronik".
            var key = PhraseMatcher.Words(order.MerchantName).FirstOrDefault(w => w.Length >= 4);
            if (key is not null && folded.Any(w => w == key || (key.Length >= 6 && w.Length >= key.Length - 1 && PhraseMatcher.Distance(key, w, 1) <= 1)))
            {
                found.Add(order.Order.MerchantId);
            }
        }

        return found;
    }

    private static Money? Amount(string text)
    {
        foreach (Match match in MoneyPattern().Matches(text))
        {
            var currencyWord = match.Groups["before"].Success ? match.Groups["before"].Value : match.Groups["after"].Value;
            if (!CurrencyWords.TryGetValue(currencyWord, out var currency) || !Currencies.IsKnown(currency))
            {
                continue;
            }

            if (ParseMinor(match.Groups["number"].Value, Currencies.MinorUnitExponent(currency)) is { } minor && minor > 0)
            {
                return new Money(minor, currency);
            }
        }

        return null;
    }

    /// <summary>"1 299,50", "1,299.50", "1.299,50" and "1299" all read the same: a separator followed by one or two final digits is the decimal point.</summary>
    internal static long? ParseMinor(string number, int exponent)
    {
        var digits = number.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        var lastSeparator = digits.LastIndexOfAny(['.', ',']);
        string whole = digits, fraction = "";
        if (lastSeparator >= 0 && digits.Length - lastSeparator - 1 is 1 or 2)
        {
            whole = digits[..lastSeparator];
            fraction = digits[(lastSeparator + 1)..];
        }

        whole = whole.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (whole.Length is 0 or > 12 || !long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }

        fraction = fraction.PadRight(exponent, '0');
        var minorPart = exponent == 0 ? 0 : long.Parse(fraction[..exponent], CultureInfo.InvariantCulture);
        return checked((major * (long)Math.Pow(10, exponent)) + minorPart);
    }

    private static List<DateOnly> Dates(string text, DateOnly today)
    {
        var dates = new List<DateOnly>();
        foreach (Match match in IsoDate().Matches(text))
        {
            if (DateOnly.TryParseExact(match.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates.Add(date);
            }
        }

        var lower = text.ToLowerInvariant();
        foreach (Match match in DayMonth().Matches(lower))
        {
            var monthWord = match.Groups["month"].Value;
            var month = Array.FindIndex(Months, names => names.Contains(monthWord, StringComparer.Ordinal)) + 1;
            var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
            if (month > 0 && day is >= 1 and <= 31 && day <= DateTime.DaysInMonth(today.Year, month))
            {
                var date = new DateOnly(today.Year, month, day);
                dates.Add(date < today.AddDays(-60) ? date.AddYears(1) : date);
            }
        }

        if (Tomorrow().IsMatch(lower))
        {
            dates.Add(today.AddDays(1));
        }

        if (NextWeek().IsMatch(lower))
        {
            dates.Add(today.AddDays(7));
        }

        if (InDays().Match(lower) is { Success: true } days && int.TryParse(days.Groups["n"].Value, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 400)
        {
            dates.Add(today.AddDays(days.Groups["unit"].Value.StartsWith('w') || days.Groups["unit"].Value.StartsWith('v') ? 7 * n : n));
        }

        return dates;
    }

    private static int? Ordinal(string[] words)
    {
        if (words.Length <= 4 && words.Length > 0 && int.TryParse(words[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 9)
        {
            return number;
        }

        foreach (var word in words)
        {
            if (OrdinalWords.TryGetValue(word, out var position))
            {
                return position;
            }

            if (word is "last" or "sista" or "letzte" or "letzten")
            {
                return -1;
            }
        }

        return null;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-_/.]{3,}[\p{L}\p{N}]")]
    private static partial Regex ReferenceToken();

    [GeneratedRegex(@"^\d+([.,]\d{1,2})?$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?:(?<before>SEK|EUR|USD|GBP|NOK|DKK|CHF|€|\$|£)\s?)?(?<number>\d{1,3}(?:[ \u00A0.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?:\s?(?<after>SEK|EUR|USD|GBP|NOK|DKK|CHF|kr|kronor|euros?|dollars?|pounds?|€|\$|£))?(?![\p{L}\d])", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:st|nd|rd|th|\.|:e|:a)?\s+(?:of\s+)?(?<month>[a-zäö]+)\b")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"\b(tomorrow|imorgon|i morgon|morgen)\b")]
    private static partial Regex Tomorrow();

    [GeneratedRegex(@"\b(next week|nästa vecka|nächste woche|nächsten woche)\b")]
    private static partial Regex NextWeek();

    [GeneratedRegex(@"\b(?:in|om)\s+(?<n>\d{1,3})\s+(?<unit>days?|dagar|tagen|tage|weeks?|veckor|vecka|wochen|woche)\b")]
    private static partial Regex InDays();
}

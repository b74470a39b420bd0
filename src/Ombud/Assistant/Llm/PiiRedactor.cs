using System.Text.RegularExpressions;

namespace Ombud.Assistant.Llm;

/// <summary>
/// Replaces personal data with numbered placeholders before text leaves the node for a language model: e-mail
/// addresses, phone numbers, card-like and other long numbers (tracking numbers too), order references, street
/// addresses and the names it is given. The model sees "[P1]"; <see cref="Redacted.Restore"/> puts the real values
/// back into its answer, so the facts a shopper reads never went through the model at all.
/// </summary>
internal static partial class PiiRedactor
{
    public static Redacted Redact(string text, IEnumerable<string> names)
    {
        var values = new List<string>();
        string Replace(Match m)
        {
            var index = values.IndexOf(m.Value);
            if (index < 0)
            {
                values.Add(m.Value);
                index = values.Count - 1;
            }

            return $"[P{index + 1}]";
        }

        var redacted = Email().Replace(text, Replace);
        redacted = Street().Replace(redacted, Replace);
        redacted = Reference().Replace(redacted, Replace);
        redacted = CardLike().Replace(redacted, Replace);
        redacted = Phone().Replace(redacted, Replace);
        foreach (var name in names.SelectMany(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(n => n.Length >= 2).Distinct(StringComparer.Ordinal))
        {
            redacted = Regex.Replace(redacted, $@"\b{Regex.Escape(name)}\b", Replace, RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
        }

        return new Redacted(redacted, values);
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.[\p{L}]{2,}")]
    private static partial Regex Email();

    /// <summary>Thirteen or more digits, with or without spaces and dashes: cards, accounts, parcels.</summary>
    [GeneratedRegex(@"\b\d(?:[ \-]?\d){12,}\b")]
    private static partial Regex CardLike();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])\+?\d[\d \-()]{7,}\d(?![\p{L}\p{N}])")]
    private static partial Regex Phone();

    /// <summary>Words mixing letters or dashes with four or more digits (NL-10001, demo-ord-0000123), and GUIDs.</summary>
    [GeneratedRegex(@"\b(?=[\p{L}\p{N}\-]*\d{4})(?=[\p{L}\p{N}\-]*[\p{L}\-])[\p{L}\p{N}][\p{L}\p{N}\-]{3,}\b")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\b[\p{L}]+(?:gatan|vägen|gränd|straße|strasse|gasse|weg|allee|platz|street|road|avenue|lane)\s+\d+\s?[A-Za-z]?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Street();
}

/// <summary>Text with its personal data replaced by [P1], [P2] …, and the values to put back.</summary>
internal sealed partial record Redacted(string Text, IReadOnlyList<string> Values)
{
    /// <summary>
    /// The model's answer with the values back in, or null when it cannot be trusted: a placeholder lost or invented,
    /// or a number that was not in what it was given (an amount or a date it changed).
    /// </summary>
    public string? Restore(string answer)
    {
        var given = Placeholder().Matches(Text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var returned = Placeholder().Matches(answer).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        if (!given.SetEquals(returned))
        {
            return null;
        }

        var numbersGiven = Numbers().Matches(Placeholder().Replace(Text, "")).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        if (Numbers().Matches(Placeholder().Replace(answer, "")).Any(m => !numbersGiven.Contains(m.Value)))
        {
            return null;
        }

        return Placeholder().Replace(answer, m => Values[int.Parse(m.Value[2..^1], System.Globalization.CultureInfo.InvariantCulture) - 1]);
    }

    [GeneratedRegex(@"\[P\d+\]")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();
}

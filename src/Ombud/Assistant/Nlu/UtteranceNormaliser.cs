using System.Text;
using System.Text.RegularExpressions;

namespace Ombud.Assistant.Nlu;

/// <summary>
/// Folds the surface variation that says nothing about intent, before features are made: case, contractions,
/// the exact digits of amounts and dates, repeated letters of excited typing, runs of space and punctuation.
/// </summary>
internal static partial class UtteranceNormaliser
{
    // "what's my balance" and "what is my balance" should share their word n-grams.
    private static readonly (Regex Pattern, string Replacement)[] Contractions =
    [
        (new Regex(@"\bcan'?t\b", RegexOptions.Compiled), "can not"),
        (new Regex(@"\bwon'?t\b", RegexOptions.Compiled), "will not"),
        (new Regex(@"\b(\w+)n't\b", RegexOptions.Compiled), "$1 not"),
        (new Regex(@"\b(i)'m\b", RegexOptions.Compiled), "$1 am"),
        (new Regex(@"\b(\w+)'re\b", RegexOptions.Compiled), "$1 are"),
        (new Regex(@"\b(\w+)'ve\b", RegexOptions.Compiled), "$1 have"),
        (new Regex(@"\b(\w+)'ll\b", RegexOptions.Compiled), "$1 will"),
        (new Regex(@"\b(\w+)'d\b", RegexOptions.Compiled), "$1 would"),
        (new Regex(@"\b(what|where|who|how|it|that|there|he|she)'s\b", RegexOptions.Compiled), "$1 is"),
    ];

    public static string Normalise(string utterance)
    {
        var text = utterance.ToLowerInvariant().Replace('’', '\'').Replace('`', '\'');
        foreach (var (pattern, replacement) in Contractions)
        {
            text = pattern.Replace(text, replacement);
        }

        // An amount or a date matters as "a number", not as which number.
        text = Digits().Replace(text, "0");
        // "heeeelp" and "pleeease" are the same word typed with feeling.
        text = Repeats().Replace(text, "$1$1");
        var cleaned = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            cleaned.Append(char.IsLetterOrDigit(c) || c == '\'' ? c : ' ');
        }

        return Spaces().Replace(cleaned.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"(\p{L})\1{2,}")]
    private static partial Regex Repeats();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

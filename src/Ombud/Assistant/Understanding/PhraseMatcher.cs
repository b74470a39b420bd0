namespace Ombud.Assistant.Understanding;

/// <summary>
/// Finds any of a list of phrases in a message, word by word, after lower-casing and folding accents (so "manniska"
/// is "människa"). With typos allowed, a word may be off by one edit, or two from nine letters (Damerau: a swapped pair
/// is one edit), and a word of three letters or fewer must be exact. Lists where a near miss means something else
/// ("died" and "did", "cancer" and "cancel") allow no typos at all.
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly string[][] _phrases;
    private readonly bool _typos;

    public PhraseMatcher(IEnumerable<string> phrases, bool allowTypos)
    {
        _phrases = [.. phrases.Select(p => Fold(p).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length > 0)];
        _typos = allowTypos;
    }

    /// <summary>Words as <see cref="Fold"/> makes them.</summary>
    public string? FirstMatch(IReadOnlyList<string> words)
    {
        foreach (var phrase in _phrases)
        {
            for (var start = 0; start + phrase.Length <= words.Count; start++)
            {
                var all = true;
                for (var k = 0; k < phrase.Length && all; k++)
                {
                    all = Same(phrase[k], words[start + k]);
                }

                if (all)
                {
                    return string.Join(' ', phrase);
                }
            }
        }

        return null;
    }

    public string? FirstMatch(string text) => FirstMatch(Words(text));

    public static string[] Words(string text) => Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string Fold(string text) => TextSanitiser.FoldAccents(TextSanitiser.LettersOnly(text));

    private bool Same(string expected, string word)
    {
        if (expected.Length == word.Length && string.Equals(expected, word, StringComparison.Ordinal))
        {
            return true;
        }

        if (!_typos)
        {
            return false;
        }

        var budget = expected.Length switch
        {
            <= 3 => 0,
            <= 8 => 1,
            _ => 2,
        };
        return budget > 0 && Math.Abs(expected.Length - word.Length) <= budget && Distance(expected, word, budget) <= budget;
    }

    /// <summary>Optimal-string-alignment distance, stopping early once every path is over the budget.</summary>
    internal static int Distance(string a, string b, int budget)
    {
        var previousPrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > budget)
            {
                return budget + 1;
            }

            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }

        return previous[b.Length];
    }
}

namespace Ombud.Assistant.Understanding;

/// <summary>
/// Tells English, Swedish and German apart by their commonest words and a few letters only one of them uses (å for
/// Swedish; ß and ü for German). Chat messages are short, so a message with too little evidence says "don't know"
/// and the conversation keeps the language it had.
/// </summary>
internal static class LanguageDetector
{
    public static readonly IReadOnlyList<string> Supported = ["en", "sv", "de"];

    private static readonly Dictionary<string, string[]> StopWords = new(StringComparer.Ordinal)
    {
        ["en"] =
        [
            "the", "and", "is", "my", "i", "to", "a", "of", "it", "you", "what", "when", "where", "how", "not", "was", "have", "has",
            "for", "with", "this", "that", "me", "please", "can", "do", "did", "why", "are", "be", "been", "still", "want", "need",
            "order", "payment", "hello", "hi", "thanks", "thank", "your", "get", "never", "arrived", "would", "like", "should", "much",
        ],
        ["sv"] =
        [
            "och", "är", "jag", "min", "mitt", "mina", "att", "det", "en", "ett", "inte", "på", "för", "med", "har", "vad", "när",
            "hur", "var", "kan", "vill", "du", "som", "till", "av", "om", "den", "hej", "tack", "någon", "varför", "fick", "mig",
            "betalning", "beställning", "ska", "skulle", "också", "bara", "nu", "här", "kommit", "aldrig", "mycket", "nästa",
        ],
        ["de"] =
        [
            "und", "ist", "ich", "mein", "meine", "meinen", "meiner", "nicht", "der", "die", "das", "ein", "eine", "einen", "zu", "mit",
            "auf", "für", "was", "wann", "wie", "wo", "kann", "will", "sie", "bitte", "bestellung", "zahlung", "hallo", "danke",
            "habe", "hat", "noch", "warum", "mich", "mir", "wurde", "sind", "nie", "auch", "nur", "jetzt", "möchte", "wurde", "nächste",
        ],
    };

    private static readonly Dictionary<string, HashSet<string>> Lookup =
        StopWords.ToDictionary(p => p.Key, p => p.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The language of one message, or null when the evidence is too thin to say.</summary>
    public static string? Detect(string text)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal) { ["en"] = 0, ["sv"] = 0, ["de"] = 0 };
        foreach (var word in TextSanitiser.Words(text))
        {
            foreach (var (language, words) in Lookup)
            {
                if (words.Contains(word))
                {
                    scores[language] += 1;
                }
            }

            if (word.Contains('å', StringComparison.Ordinal) || word.Contains("tj", StringComparison.Ordinal) || word.StartsWith("sj", StringComparison.Ordinal))
            {
                scores["sv"] += 1.5;
            }

            if (word.Contains('ß', StringComparison.Ordinal) || word.Contains('ü', StringComparison.Ordinal) || word.Contains("sch", StringComparison.Ordinal))
            {
                scores["de"] += 1.5;
            }

            if (word.Contains('ä', StringComparison.Ordinal) || word.Contains('ö', StringComparison.Ordinal))
            {
                scores["sv"] += 0.5;
                scores["de"] += 0.5;
            }
        }

        var ranked = scores.OrderByDescending(p => p.Value).ToList();
        // One stop word against none is enough for a short "hej" or "danke"; a tie is not.
        return ranked[0].Value >= 1 && ranked[0].Value - ranked[1].Value >= 1 ? ranked[0].Key : null;
    }

    /// <summary>The conversation's language after a message: the message's own when it is clear, else the one it had.</summary>
    public static string Follow(string current, string? detected) => detected ?? current;

    /// <summary>The language to start in, from the customer's locale (sv-SE → sv); English for anything else.</summary>
    public static string FromLocale(string? locale)
    {
        var language = (locale ?? "").Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(language) ? language : "en";
    }
}

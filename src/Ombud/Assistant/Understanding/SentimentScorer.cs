using System.Globalization;

namespace Ombud.Assistant.Understanding;

/// <summary>
/// How a message feels, from -1 (furious) to +1 (pleased): a small weighted lexicon in English, Swedish and German,
/// with negation ("not good") and intensifiers ("really bad"), plus the signs of anger that are not words: shouting in
/// capitals, runs of exclamation marks, and saying the same thing again. Cheap and explainable, which a hand-off
/// rule needs more than nuance.
/// </summary>
internal static class SentimentScorer
{
    private static readonly Dictionary<string, double> Lexicon = Build(
        // English
        ("angry", -2), ("furious", -3), ("livid", -3), ("ridiculous", -2), ("useless", -2), ("terrible", -2), ("awful", -2), ("worst", -3),
        ("hate", -2), ("stupid", -2), ("annoyed", -1.5), ("annoying", -1.5), ("frustrated", -2), ("frustrating", -2), ("unacceptable", -2.5),
        ("joke", -1), ("pathetic", -2.5), ("disgusting", -2.5), ("incompetent", -2.5), ("waste", -1.5), ("wtf", -3), ("damn", -1.5),
        ("bloody", -1.5), ("shit", -2.5), ("crap", -2), ("rubbish", -2), ("disappointed", -1.5), ("upset", -1.5), ("fed", -0.5),
        ("sick", -1), ("tired", -1), ("again", -0.5), ("still", -0.5), ("ages", -1), ("nobody", -1), ("bad", -1), ("horrible", -2),
        ("thanks", 1), ("thank", 1), ("great", 1.5), ("perfect", 1.5), ("good", 1), ("happy", 1), ("helpful", 1.5), ("awesome", 1.5),
        ("excellent", 1.5), ("love", 1.5), ("nice", 1), ("appreciate", 1.5), ("brilliant", 1.5), ("wonderful", 1.5),
        // Swedish
        ("arg", -2), ("förbannad", -3), ("irriterad", -1.5), ("irriterande", -1.5), ("värdelös", -2), ("värdelöst", -2), ("skandal", -2.5),
        ("löjligt", -2), ("löjlig", -2), ("hemskt", -2), ("hemsk", -2), ("sämsta", -3), ("hatar", -2), ("dålig", -1), ("dåligt", -1),
        ("oacceptabelt", -2.5), ("bedrövligt", -2.5), ("skit", -2.5), ("fan", -2), ("jävla", -2.5), ("besviken", -1.5), ("trött", -1),
        ("igen", -0.5), ("fortfarande", -0.5), ("tack", 1), ("bra", 1), ("perfekt", 1.5), ("toppen", 1.5), ("snällt", 1), ("glad", 1),
        ("jättebra", 1.5), ("underbart", 1.5),
        // German
        ("wütend", -3), ("sauer", -2), ("ärgerlich", -1.5), ("verärgert", -2), ("nutzlos", -2), ("lächerlich", -2), ("schrecklich", -2),
        ("schlimmste", -3), ("hasse", -2), ("frechheit", -2.5), ("unverschämt", -2.5), ("unakzeptabel", -2.5), ("katastrophe", -2.5),
        ("mist", -1.5), ("scheiße", -2.5), ("scheisse", -2.5), ("verdammt", -2), ("enttäuscht", -1.5), ("schlecht", -1), ("wieder", -0.5),
        ("immer", -0.3), ("danke", 1), ("gut", 1), ("super", 1.5), ("toll", 1.5), ("perfekt", 1.5), ("prima", 1), ("nett", 1),
        ("hilfreich", 1.5), ("wunderbar", 1.5));

    private static readonly HashSet<string> Negators = new(["not", "no", "never", "dont", "isnt", "wasnt", "inte", "ej", "aldrig", "nicht", "kein", "keine", "nie"], StringComparer.Ordinal);

    private static readonly HashSet<string> Intensifiers = new(["very", "so", "really", "extremely", "totally", "absolutely", "mycket", "jätte", "så", "verkligen", "sehr", "total", "echt", "absolut", "so"], StringComparer.Ordinal);

    /// <param name="earlier">The shopper's earlier messages in this conversation, newest last: a message said again is said in anger.</param>
    public static double Score(string text, IReadOnlyList<string> earlier)
    {
        var words = TextSanitiser.Words(text);
        double raw = 0;
        for (var i = 0; i < words.Length; i++)
        {
            if (!Lexicon.TryGetValue(words[i], out var weight))
            {
                continue;
            }

            if (i > 0 && Intensifiers.Contains(words[i - 1]))
            {
                weight *= 1.5;
            }

            if ((i > 0 && Negators.Contains(words[i - 1])) || (i > 1 && Negators.Contains(words[i - 2])))
            {
                // "not good" is bad; "not bad" is only mildly good.
                weight = weight > 0 ? -weight : -weight / 2;
            }

            raw += weight;
        }

        raw += Shouting(text);
        var exclamations = text.Count(c => c == '!');
        var questions = CountRuns(text, '?');
        if (exclamations >= 2 || questions > 0)
        {
            // Marks amplify what the words say; with no feeling words, a run of them is impatience.
            raw += raw > 0 ? 0.25 * Math.Min(exclamations, 3) : -0.5 * Math.Min(exclamations, 3) - 0.5 * questions;
        }

        var normalised = TextSanitiser.LettersOnly(text);
        if (normalised.Length > 0 && earlier.TakeLast(2).Any(e => TextSanitiser.LettersOnly(e) == normalised))
        {
            raw -= 1.5;
        }

        return Math.Clamp(raw / 5, -1, 1);
    }

    /// <summary>Describes scores in order with their direction, for the person who takes over: "0.0 → -0.4 → -0.9 (worsening)".</summary>
    public static string Trend(IReadOnlyList<double> scores)
    {
        if (scores.Count == 0)
        {
            return "no messages";
        }

        var shown = string.Join(" → ", scores.TakeLast(6).Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)));
        var direction = scores.Count < 2 ? "one message"
            : scores[^1] < scores[0] - 0.2 ? "worsening"
            : scores[^1] > scores[0] + 0.2 ? "improving"
            : "steady";
        return $"{shown} ({direction})";
    }

    /// <summary>
    /// Frustration that calls for a person: one message of fury, two angry messages in a row, or a mood that fell
    /// steadily over the last three messages into anger.
    /// </summary>
    public static bool IsRisingFrustration(IReadOnlyList<double> scores)
    {
        if (scores.Count == 0)
        {
            return false;
        }

        var last = scores[^1];
        if (last <= -0.75)
        {
            return true;
        }

        if (scores.Count >= 2 && last <= -0.5 && scores[^2] <= -0.5)
        {
            return true;
        }

        return scores.Count >= 3 && last <= -0.4 && scores[^1] <= scores[^2] && scores[^2] <= scores[^3] && scores[^3] - last >= 0.5;
    }

    private static double Shouting(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        if (letters.Count < 8)
        {
            return 0;
        }

        var upper = letters.Count(char.IsUpper);
        return upper >= letters.Count * 0.7 ? -1.5 : 0;
    }

    private static int CountRuns(string text, char mark)
    {
        // "??" and more is exasperation; a single "?" is a question.
        var runs = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] == mark && text[i + 1] == mark && (i == 0 || text[i - 1] != mark))
            {
                runs++;
            }
        }

        return runs;
    }

    private static Dictionary<string, double> Build(params (string Word, double Weight)[] entries)
    {
        var lexicon = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (word, weight) in entries)
        {
            lexicon[word] = weight;
        }

        return lexicon;
    }
}

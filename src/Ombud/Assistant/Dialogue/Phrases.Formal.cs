using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// The German phrases in the formal address, for a shopper who writes "Sie": made from the informal ones by the
/// rewrites below (verb and pronoun together, then the pronouns left), so the two never drift apart. A test checks
/// that no informal word survives in any phrase.
/// </summary>
internal static partial class Phrases
{
    private static readonly ConcurrentDictionary<string, string> FormalGerman = new(StringComparer.Ordinal);

    /// <summary>Informal → formal, longest first; each a whole-word match.</summary>
    private static readonly (string Informal, string Formal)[] Rewrites =
    [
        ("Bitte warte einen Moment und schick deine", "Bitte warten Sie einen Moment und schicken Sie Ihre"),
        ("du das Paket verschickt hast", "Sie das Paket verschickt haben"),
        ("was du mir gesagt hast", "was Sie mir gesagt haben"),
        ("du es weiterhin möchtest", "Sie es weiterhin möchten"),
        ("du weiter Hilfe brauchst", "Sie weiter Hilfe brauchen"),
        ("du sie zurückschickst", "Sie sie zurückschicken"),
        ("du etwas zurückschickst", "Sie etwas zurückschicken"),
        ("du ja sagst", "Sie ja sagen"),
        ("wenn du möchtest", "wenn Sie möchten"),
        ("Du bist", "Sie sind"),
        ("Du hast", "Sie haben"),
        ("du hast", "Sie haben"),
        ("Du schickst", "Sie schicken"),
        ("Du schuldest", "Sie schulden"),
        ("Du kannst", "Sie können"),
        ("kannst du", "können Sie"),
        ("Kannst du", "Können Sie"),
        ("Du kontaktierst", "Sie kontaktieren"),
        ("du musst", "Sie müssen"),
        ("musst du", "müssen Sie"),
        ("du möchtest", "Sie möchten"),
        ("möchtest du", "möchten Sie"),
        ("Brauchst du", "Brauchen Sie"),
        ("meinst du", "meinen Sie"),
        ("Antworte", "Antworten Sie"),
        ("Bitte kontaktiere", "Bitte kontaktieren Sie"),
        ("Bitte schreib", "Bitte schreiben Sie"),
        ("schreib", "schreiben Sie"),
        ("Frag", "Fragen Sie"),
        ("frag", "fragen Sie"),
        ("Sag mir", "Sagen Sie mir"),
        ("nenne mir", "nennen Sie mir"),
        ("nenn mir", "nennen Sie mir"),
        ("ihr habt", "Sie haben"),
        ("dich", "Sie"),
        ("dir", "Ihnen"),
        ("deinem", "Ihrem"),
        ("deinen", "Ihren"),
        ("deiner", "Ihrer"),
        ("deine", "Ihre"),
        ("dein", "Ihr"),
        ("Deinem", "Ihrem"),
        ("Deinen", "Ihren"),
        ("Deiner", "Ihrer"),
        ("Deine", "Ihre"),
        ("Dein", "Ihr"),
        ("du", "Sie"),
        ("Du", "Sie"),
    ];

    private static readonly Regex[] RewritePatterns = [.. Rewrites.Select(r => new Regex($@"\b{Regex.Escape(r.Informal)}\b", RegexOptions.CultureInvariant))];

    /// <summary>Every German phrase, informal and formal, by key: for the test that checks the rewrites.</summary>
    internal static IEnumerable<(string Key, string Informal, string Formal)> GermanPhrases() =>
        Table.Select(p => (p.Key, p.Value.De, Formal(p.Value.De)));

    private static string Formal(string informal)
    {
        var text = informal;
        for (var i = 0; i < Rewrites.Length; i++)
        {
            text = RewritePatterns[i].Replace(text, Rewrites[i].Formal);
        }

        return text;
    }
}

using System.Text.RegularExpressions;
using Ombud.Assistant.Understanding;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// Short messages that answer the conversation rather than ask something new: a yes or a no to an offer, thanks, an
/// "ok", a "how are you", a number on its own. Each list matches a whole message only (after folding case and
/// accents), so "no, it never arrived" is not a no and "thanks, but where is my parcel?" is not thanks.
/// </summary>
internal static partial class Answers
{
    private static readonly HashSet<string> Yes = Folded(
        "yes", "yes please", "yes do it", "yes go ahead", "yes please do", "go ahead", "please do", "do it", "sure", "yes sure", "yep", "yeah",
        "ja", "ja tack", "ja gärna", "ja gör det", "ja kör", "gör det", "kör", "absolut", "ja bitte", "ja gerne", "ja mach das", "jawohl", "gerne", "bitte ja",
        "ja bitte machen sie das", "machen sie das");

    private static readonly HashSet<string> No = Folded(
        "no", "no thanks", "no thank you", "nope", "don't", "do not", "no don't", "not now", "leave it", "no leave it", "cancel",
        "nej", "nej tack", "låt bli", "inte nu", "nej inte nu", "avbryt",
        "nein", "nein danke", "lieber nicht", "nicht jetzt", "abbrechen", "nein bitte nicht");

    private static readonly HashSet<string> Thanks = Folded(
        "thanks", "thank you", "thanks a lot", "thank you so much", "many thanks", "thx", "ty", "cheers", "ok thanks", "okay thanks", "thanks for your help",
        "tack", "tack så mycket", "tusen tack", "tack för hjälpen", "ok tack", "okej tack",
        "danke", "danke schön", "danke sehr", "vielen dank", "besten dank", "ok danke", "danke für die hilfe");

    private static readonly HashSet<string> Acknowledgements = Folded(
        "ok", "okay", "k", "great", "perfect", "cool", "nice", "good", "alright", "all right", "got it", "i see", "fine", "understood",
        "okej", "bra", "toppen", "perfekt", "fint", "jag förstår", "uppfattat",
        "alles klar", "gut", "super", "prima", "verstanden", "in ordnung", "ach so");

    private static readonly HashSet<string> Chat = Folded(
        "how are you", "how are you doing", "how's it going", "are you a robot", "are you a bot", "who are you", "good morning", "good evening",
        "hur mår du", "hur är läget", "är du en robot", "vem är du", "god morgon",
        "wie geht es dir", "wie geht's", "wie geht es ihnen", "bist du ein roboter", "sind sie ein roboter", "wer bist du", "guten morgen");

    public static bool IsYes(string text) => Yes.Contains(Whole(text));

    public static bool IsNo(string text) => No.Contains(Whole(text));

    /// <summary>Which kind of small talk the whole message is: "thanks", "ok" or "chat"; null for anything else.</summary>
    public static string? SmallTalk(string text)
    {
        var whole = Whole(text);
        return Thanks.Contains(whole) ? "thanks" : Acknowledgements.Contains(whole) ? "ok" : Chat.Contains(whole) ? "chat" : null;
    }

    /// <summary>"1", "nr 2", "the second": a pick from a list, and nothing else in the message.</summary>
    public static bool IsLoneNumber(Reading reading) =>
        reading.Entities is { Ordinal: not null, OrderIds.Count: 0, UnknownReferences.Count: 0, MerchantIds.Count: 0 }
        && PhraseMatcher.Words(reading.Text).Length <= 3 && LonePick().IsMatch(PhraseMatcher.Fold(reading.Text).Trim());

    /// <summary>A return still to be sent ("I want to return", "ska returnera", "möchte … zurückschicken"), not one on its way.</summary>
    public static bool IsReturnToCome(string text) => ReturnToCome().IsMatch(text);

    /// <summary>The German formal address: "Sie", "Ihnen", "Ihr…" written with a capital inside a sentence.</summary>
    public static bool IsFormalGerman(string text) => FormalGerman().IsMatch(text);

    private static string Whole(string text) => string.Join(' ', PhraseMatcher.Words(text.Replace("'", "", StringComparison.Ordinal)));

    private static HashSet<string> Folded(params string[] phrases) =>
        [.. phrases.Select(p => string.Join(' ', PhraseMatcher.Words(p.Replace("'", "", StringComparison.Ordinal))))];

    [GeneratedRegex(@"^(the |nr |no |number |nummer |den |die |der |das )?(\d{1,2}|first|second|third|fourth|fifth|last|forsta|andra|tredje|fjarde|femte|sista|erste|erstes|zweite|zweites|dritte|drittes|vierte|letzte)( one| ones| order)?$")]
    private static partial Regex LonePick();

    [GeneratedRegex(@"\b((want|wants|would like|'d like|going|plan|planning|intend|need|have) to (return|send (it |them |this |that |\w+ )?back)|will (be )?(return|send)|how (do|can|should) i (return|send)|can i (return|send)|vill (gärna )?(returnera|skicka tillbaka)|ska (\w+ )?(returnera|skicka tillbaka)|tänker (\w+ )?returnera|skulle vilja (returnera|skicka tillbaka)|hur (returnerar|skickar) jag|kan jag (returnera|skicka tillbaka)|(möchte|will|würde|werde|wollen|kann)\b.{0,40}\b(zurückschicken|zurückgeben|zurücksenden|retournieren)|wie (schicke|sende|gebe) ich)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReturnToCome();

    [GeneratedRegex(@"(?<![.!?]\s|^)\b(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrer|Ihrem)\b|^(Können|Könnten|Würden|Haben|Sind|Wissen|Wollen) Sie\b")]
    private static partial Regex FormalGerman();
}

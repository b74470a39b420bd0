using Ombud.Commerce.Contracts;
using Ombud.Platform;

namespace Ombud.Commerce.Difficulty;

/// <summary>What a collection notice says, with its options.</summary>
internal sealed record CollectionNoticeFacts(string Name, Money Owed, DateOnly DueSince, DateOnly HandOverOn, IReadOnlyList<AdjustmentKind> Options,
    IReadOnlyList<DebtAdvice> Advice, string? RegulatoryText);

/// <summary>
/// The words of the notice before a hand-over to collection, in English, Swedish and German, all in this one place:
/// what is owed and since when, the date of the hand-over, and what the shopper can do before it (pay, the adjustments
/// they may take themselves, free debt advice, a person in the chat). Firm about the date, never threatening.
/// </summary>
internal static class CollectionWords
{
    private sealed record Words(string Title, string Body, string Pay, string Person, string Advice, string And,
        IReadOnlyDictionary<AdjustmentKind, string> Options, string Mail);

    private static readonly Dictionary<string, Words> Languages = new()
    {
        ["en"] = new(
            "Before collection: {0} is overdue",
            "Hello {0}, {1} on your order was due on {2} and we have not received it. If it is still unpaid on {3}, we will hand the debt over to a collection agency. "
            + "Before then you can {4}.",
            "pay what is overdue from the order's page", "talk to a person in the chat", "Free, confidential debt advice: {0}.", "or",
            new Dictionary<AdjustmentKind, string>
            {
                [AdjustmentKind.ExtendDueDate] = "move the due date",
                [AdjustmentKind.Replan] = "spread what is left over more, smaller payments",
                [AdjustmentKind.BreathingSpace] = "pause your payments for a while",
                [AdjustmentKind.WaiveLateFees] = "have your late fees waived",
            },
            "You can read this notice and see your options when you sign in: {0}"),
        ["sv"] = new(
            "Innan inkasso: {0} är förfallet",
            "Hej {0}! {1} på din order skulle ha betalats den {2} och vi har inte fått betalningen. Om det fortfarande är obetalt den {3} lämnar vi skulden till ett inkassoföretag. "
            + "Innan dess kan du {4}.",
            "betala det som är förfallet på orderns sida", "prata med en person i chatten", "Gratis och konfidentiell skuldrådgivning: {0}.", "eller",
            new Dictionary<AdjustmentKind, string>
            {
                [AdjustmentKind.ExtendDueDate] = "flytta förfallodagen",
                [AdjustmentKind.Replan] = "dela upp det som är kvar på fler, mindre betalningar",
                [AdjustmentKind.BreathingSpace] = "pausa dina betalningar en tid",
                [AdjustmentKind.WaiveLateFees] = "få dina förseningsavgifter efterskänkta",
            },
            "Du kan läsa meddelandet och se vad du kan göra när du loggar in: {0}"),
        ["de"] = new(
            "Vor der Übergabe an ein Inkassounternehmen: {0} ist überfällig",
            "Hallo {0}, {1} für Ihre Bestellung war am {2} fällig und ist bei uns noch nicht eingegangen. Ist der Betrag am {3} noch offen, übergeben wir die Forderung an ein Inkassounternehmen. "
            + "Bis dahin können Sie {4}.",
            "den überfälligen Betrag auf der Seite der Bestellung bezahlen", "im Chat mit einem Menschen sprechen", "Kostenlose, vertrauliche Schuldnerberatung: {0}.", "oder",
            new Dictionary<AdjustmentKind, string>
            {
                [AdjustmentKind.ExtendDueDate] = "das Fälligkeitsdatum verschieben",
                [AdjustmentKind.Replan] = "den Rest auf mehr, kleinere Raten verteilen",
                [AdjustmentKind.BreathingSpace] = "Ihre Zahlungen eine Zeit lang pausieren",
                [AdjustmentKind.WaiveLateFees] = "Ihre Mahngebühren erlassen lassen",
            },
            "Sie können diese Mitteilung lesen und Ihre Möglichkeiten sehen, wenn Sie sich anmelden: {0}"),
    };

    public static string Title(ShopperLanguage language, Money owed) => language.Format(Of(language).Title, language.Money(owed));

    public static string Body(ShopperLanguage language, CollectionNoticeFacts facts)
    {
        var words = Of(language);
        IReadOnlyList<string> options = [words.Pay, .. facts.Options.Where(words.Options.ContainsKey).Select(k => words.Options[k]), words.Person];
        var body = language.Format(words.Body, ContactWords.FirstName(facts.Name), language.Money(facts.Owed), language.Date(facts.DueSince),
            language.Date(facts.HandOverOn), language.List(options, words.And));
        if (facts.Advice.Count > 0)
        {
            body += " " + language.Format(words.Advice, string.Join("; ", facts.Advice.Select(a => a.Url is null ? a.Name : $"{a.Name} ({a.Url})")));
        }

        return string.IsNullOrWhiteSpace(facts.RegulatoryText) ? body : body + "\n\n" + facts.RegulatoryText.Trim();
    }

    /// <summary>The e-mail: the notice's own words, then where to read it and act.</summary>
    public static string Mail(ShopperLanguage language, string body, string link) => body + "\n\n" + language.Format(Of(language).Mail, link);

    private static Words Of(ShopperLanguage language) => Languages.GetValueOrDefault(language.Language) ?? Languages["en"];

}

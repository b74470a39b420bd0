using Ombud.Platform;

namespace Ombud.Commerce.Difficulty;

/// <summary>
/// The words of the notice before a late fee, in English, Swedish and German, all in this one place: what is overdue
/// and since when, the date a fee would be added and how much, and the options before then.
/// </summary>
internal static class LateFeeWords
{
    private sealed record Words(string Title, string Body);

    private static readonly Dictionary<string, Words> Languages = new()
    {
        ["en"] = new(
            "Before a late fee: {0} is overdue",
            "Hello {0}, {1} was due on {2} and we have not received it. If it is still unpaid on {3}, a late fee of {4} will be added. "
            + "If paying is hard right now, you have options before then: move the due date, spread what is left, or pause payments for a while. "
            + "Open the order to see them and what each costs, or write to us in the chat."),
        ["sv"] = new(
            "Innan en förseningsavgift: {0} är förfallet",
            "Hej {0}! {1} skulle ha betalats den {2} och vi har inte fått betalningen. Om det fortfarande är obetalt den {3} läggs en förseningsavgift på {4} till. "
            + "Om det är svårt att betala just nu har du alternativ innan dess: flytta förfallodagen, dela upp det som är kvar eller pausa betalningarna en tid. "
            + "Öppna ordern för att se dem och vad vart och ett kostar, eller skriv till oss i chatten."),
        ["de"] = new(
            "Vor einer Mahngebühr: {0} ist überfällig",
            "Hallo {0}, {1} war am {2} fällig und ist bei uns noch nicht eingegangen. Ist der Betrag am {3} noch offen, kommt eine Mahngebühr von {4} hinzu. "
            + "Wenn das Bezahlen gerade schwer ist, haben Sie bis dahin Möglichkeiten: das Fälligkeitsdatum verschieben, den Rest aufteilen oder die Zahlungen eine Zeit lang pausieren. "
            + "Öffnen Sie die Bestellung, um sie und ihre Kosten zu sehen, oder schreiben Sie uns im Chat."),
    };

    public static string Title(ShopperLanguage language, Money owed) => language.Format(Of(language).Title, language.Money(owed));

    public static string Body(ShopperLanguage language, string name, Money owed, DateOnly due, DateOnly feeDay, Money fee, string? regulatoryText)
    {
        var body = language.Format(Of(language).Body, ContactWords.FirstName(name), language.Money(owed), language.Date(due), language.Date(feeDay), language.Money(fee));
        return string.IsNullOrWhiteSpace(regulatoryText) ? body : body + "\n\n" + regulatoryText.Trim();
    }

    private static Words Of(ShopperLanguage language) => Languages.GetValueOrDefault(language.Language) ?? Languages["en"];
}

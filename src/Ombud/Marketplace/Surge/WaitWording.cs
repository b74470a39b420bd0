namespace Ombud.Marketplace.Surge;

/// <summary>The wait estimate in the shopper's language (en, sv, de; English otherwise).</summary>
public static class WaitWording
{
    public static string Of(WaitKind kind, int? minutes, string language) => (language.ToLowerInvariant(), kind) switch
    {
        ("sv", WaitKind.Minutes) => $"Beräknad väntetid till en person: cirka {Sv(minutes)}. Din plats finns kvar om du lämnar sidan, och du ser här när en person svarar.",
        ("sv", WaitKind.StaffWillTakeIt) => $"Vi kan inte uppskatta väntetiden: ingen med den kunskap din fråga behöver är inloggad just nu. Vår personal tar den inom cirka {Sv(minutes)}.",
        ("sv", _) => "Vi kan inte uppskatta väntetiden: ingen som kan svara är inloggad just nu. Din plats finns kvar, och du ser här när en person svarar.",
        ("de", WaitKind.Minutes) => $"Geschätzte Wartezeit auf eine Person: etwa {De(minutes)}. Ihr Platz bleibt erhalten, wenn Sie die Seite verlassen, und Sie sehen hier, wenn eine Person antwortet.",
        ("de", WaitKind.StaffWillTakeIt) => $"Wir können keine Wartezeit schätzen: Gerade ist niemand mit dem Fachwissen für Ihre Frage online. Unser Team übernimmt sie in etwa {De(minutes)}.",
        ("de", _) => "Wir können keine Wartezeit schätzen: Gerade ist niemand online, der antworten kann. Ihr Platz bleibt erhalten, und Sie sehen hier, wenn eine Person antwortet.",
        (_, WaitKind.Minutes) => $"Estimated wait for a person: about {En(minutes)}. Your place is kept if you leave this page, and you will see here when a person answers.",
        (_, WaitKind.StaffWillTakeIt) => $"We cannot estimate a wait: nobody with the skill your question needs is online right now. Our staff will take it within about {En(minutes)}.",
        _ => "We cannot estimate a wait: nobody who can answer is online right now. Your place is kept, and you will see here when a person answers.",
    };

    private static string En(int? minutes) => minutes == 1 ? "1 minute" : $"{minutes} minutes";

    private static string Sv(int? minutes) => minutes == 1 ? "1 minut" : $"{minutes} minuter";

    private static string De(int? minutes) => minutes == 1 ? "1 Minute" : $"{minutes} Minuten";
}

using System.Globalization;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// Everything the assistant says, in English, Swedish and German, keyed by what it means. The policy picks the key and
/// fills in facts from the shopper's own data; nothing else ever reaches the reply. A missing translation falls back
/// to English rather than to nothing.
/// </summary>
internal static partial class Phrases
{
    private static readonly Dictionary<string, (string En, string Sv, string De)> Table = new(StringComparer.Ordinal)
    {
        ["greeting"] = (
            "Hi {0}! I can tell you about your payments, orders and refunds, report a problem with an order, or pause payments while you return something. What can I help with?",
            "Hej {0}! Jag kan svara på frågor om dina betalningar, beställningar och återbetalningar, rapportera ett problem med en beställning eller pausa betalningar medan du returnerar något. Vad kan jag hjälpa till med?",
            "Hallo {0}! Ich kann dir zu Zahlungen, Bestellungen und Erstattungen Auskunft geben, ein Problem mit einer Bestellung melden oder Zahlungen pausieren, während du etwas zurückschickst. Wobei kann ich helfen?"),
        ["thanks"] = ("You're welcome! Is there anything else?", "Varsågod! Är det något mer?", "Gern geschehen! Kann ich sonst noch etwas tun?"),
        ["goodbye"] = ("Goodbye, and take care!", "Hej då, och ha det bra!", "Auf Wiedersehen und alles Gute!"),
        ["not-understood"] = (
            "Sorry, I didn't understand that. You can ask me things like \"when is my next payment?\", \"where is my order?\" or \"I'm returning an order\" — or ask for a person at any time.",
            "Förlåt, det förstod jag inte. Du kan fråga till exempel \"när är min nästa betalning?\", \"var är min beställning?\" eller \"jag returnerar en beställning\" — eller be att få prata med en person när som helst.",
            "Entschuldigung, das habe ich nicht verstanden. Du kannst zum Beispiel fragen \"Wann ist meine nächste Zahlung?\", \"Wo ist meine Bestellung?\" oder \"Ich schicke eine Bestellung zurück\" — oder jederzeit nach einem Menschen fragen."),
        ["handoff-requested"] = ("Of course — I'm handing you over to a person now.", "Självklart — jag kopplar dig till en person nu.", "Natürlich — ich übergebe dich jetzt an einen Menschen."),
        ["handoff-frustration"] = (
            "I'm sorry this has been frustrating. I'm bringing in a person from our team.",
            "Jag beklagar att det här har varit frustrerande. Jag tar in en person från vårt team.",
            "Es tut mir leid, dass das so ärgerlich war. Ich hole eine Person aus unserem Team dazu."),
        ["handoff-not-understood"] = (
            "I'm sorry I couldn't understand. I'm handing you over to a person who can help.",
            "Förlåt att jag inte förstod. Jag kopplar dig till en person som kan hjälpa dig.",
            "Es tut mir leid, dass ich dich nicht verstanden habe. Ich übergebe dich an einen Menschen, der helfen kann."),
        ["handoff-vulnerability"] = (
            "I'm very sorry to hear that. A person from our team will look at your situation with care — nothing will be collected while they do.",
            "Det är jag verkligen ledsen att höra. En person från vårt team kommer att se över din situation med omsorg.",
            "Das tut mir sehr leid. Eine Person aus unserem Team wird sich deine Situation mit Sorgfalt ansehen."),
        ["handoff-large-amount"] = (
            "This concerns a large amount, so a person from our team will handle it with you.",
            "Det här gäller ett stort belopp, så en person från vårt team tar hand om det med dig.",
            "Hier geht es um einen hohen Betrag, deshalb kümmert sich eine Person aus unserem Team mit dir darum."),
        ["handoff-fraud"] = (
            "A person from our fraud team will take this over.",
            "En person från vårt bedrägeriteam tar över ärendet.",
            "Eine Person aus unserem Betrugsteam übernimmt das."),
        ["queue"] = (
            "You are number {0} in the queue for a person, who will reply here in this conversation and see everything you've told me. Our team works through the queue in order and there is no guaranteed waiting time yet, so you don't need to stay on this page.",
            "Du är nummer {0} i kön till en person, som svarar här i samma konversation och ser allt du berättat. Vårt team tar kön i tur och ordning och det finns ingen utlovad väntetid än, så du behöver inte stanna kvar på sidan.",
            "Du bist Nummer {0} in der Warteschlange für einen Menschen, der hier in diesem Gespräch antwortet und alles sieht, was du mir gesagt hast. Unser Team arbeitet die Schlange der Reihe nach ab; eine feste Wartezeit gibt es noch nicht, du musst also nicht auf dieser Seite bleiben."),
        ["waiting"] = (
            "You're in the queue for a person (number {0}). I've added your message to the conversation so they'll see it.",
            "Du står i kön till en person (nummer {0}). Jag har lagt till ditt meddelande i konversationen så att de ser det.",
            "Du bist in der Warteschlange für einen Menschen (Nummer {0}). Ich habe deine Nachricht zum Gespräch hinzugefügt, damit sie gesehen wird."),
        ["difficulty-offer"] = (
            "I'm sorry money is tight. Here is something you can do yourself: {0}. {1} Cost: {2}. Shall I do that for you? Reply yes to go ahead; anything else changes nothing.",
            "Tråkigt att pengarna inte räcker till. Det här kan du göra själv: {0}. {1} Kostnad: {2}. Ska jag göra det åt dig? Svara ja för att gå vidare; allt annat ändrar ingenting.",
            "Schade, dass das Geld gerade knapp ist. Das kannst du selbst tun: {0}. {1} Kosten: {2}. Soll ich das für dich erledigen? Antworte ja, um fortzufahren; alles andere ändert nichts."),
        // Option titles and what each changes, for Swedish and German replies (English uses Commerce's own words, with the new dates).
        ["option-ExtendDueDate"] = ("Move your next payment {0} days later", "Skjut upp din nästa betalning {0} dagar", "Deine nächste Zahlung um {0} Tage verschieben"),
        ["option-Replan"] = ("Spread what is left over {0} smaller payments", "Dela upp det som är kvar på {0} mindre betalningar", "Den Rest auf {0} kleinere Zahlungen verteilen"),
        ["option-BreathingSpace"] = (
            "Pause your payments and late fees for {0} days", "Pausa dina betalningar och förseningsavgifter i {0} dagar", "Deine Zahlungen und Mahngebühren {0} Tage lang pausieren"),
        ["option-WaiveLateFees"] = ("Waive your late fees", "Stryka dina förseningsavgifter", "Deine Mahngebühren erlassen"),
        ["change-ExtendDueDate"] = (
            "Your next payment falls due {0} days later.", "Din nästa betalning förfaller {0} dagar senare.", "Deine nächste Zahlung wird {0} Tage später fällig."),
        ["change-Replan"] = (
            "What is left is split into {0} payments, the total stays the same.", "Det som är kvar delas upp på {0} betalningar, summan blir densamma.",
            "Der Rest wird auf {0} Zahlungen aufgeteilt, die Summe bleibt gleich."),
        ["change-BreathingSpace"] = (
            "Every unpaid payment moves {0} days later and no late fees are charged meanwhile.", "Alla obetalda betalningar flyttas {0} dagar och inga förseningsavgifter tas ut under tiden.",
            "Alle offenen Zahlungen werden um {0} Tage verschoben, und in dieser Zeit fallen keine Mahngebühren an."),
        ["change-WaiveLateFees"] = (
            "Your unpaid late fees are taken off what you owe.", "Dina obetalda förseningsavgifter dras av från det du är skyldig.",
            "Deine offenen Mahngebühren werden von deiner Schuld abgezogen."),
        ["difficulty-others"] = ("Other options:", "Andra alternativ:", "Weitere Möglichkeiten:"),
        ["difficulty-with-person"] = ("(a person arranges this with you)", "(en person ordnar det med dig)", "(eine Person vereinbart das mit dir)"),
        ["difficulty-free"] = ("free", "gratis", "kostenlos"),
        ["difficulty-done"] = ("Done. {0}", "Klart. {0}", "Erledigt. {0}"),
        ["difficulty-declined"] = (
            "All right — nothing has changed on your plan. If you want, ask me again or ask for a person.",
            "Okej — ingenting har ändrats på din plan. Fråga mig igen om du vill, eller be att få prata med en person.",
            "In Ordnung — an deinem Plan hat sich nichts geändert. Frag mich gern noch einmal oder frag nach einem Menschen."),
        ["difficulty-refused"] = (
            "I couldn't change your plan: {0} Nothing has changed.",
            "Jag kunde inte ändra din plan: {0} Ingenting har ändrats.",
            "Ich konnte deinen Plan nicht ändern: {0} Es hat sich nichts geändert."),
        ["difficulty-nothing-fits"] = (
            "I'm sorry money is tight. What would help here needs a person, so I'm handing you over to someone from our team who can agree it with you.",
            "Tråkigt att pengarna inte räcker till. Det som skulle hjälpa behöver en person, så jag kopplar dig till någon i vårt team som kan komma överens med dig.",
            "Schade, dass das Geld gerade knapp ist. Was hier helfen würde, braucht eine Person; ich übergebe dich an jemanden aus unserem Team, der das mit dir vereinbart."),
        ["debt-advice"] = (
            "Free, confidential debt advice, independent of us:",
            "Gratis och konfidentiell budget- och skuldrådgivning, oberoende av oss:",
            "Kostenlose, vertrauliche Schuldnerberatung, unabhängig von uns:"),
        ["balance"] = ("You owe {0} in total.", "Du har totalt {0} kvar att betala.", "Du schuldest insgesamt {0}."),
        ["balance-overdue"] = ("{0} of it is overdue.", "{0} av det är förfallet.", "Davon sind {0} überfällig."),
        ["balance-credit"] = ("You have {0} in credit with us.", "Du har {0} tillgodo hos oss.", "Du hast {0} Guthaben bei uns."),
        ["balance-held"] = ("{0} of it is paused while a problem you reported is sorted out.", "{0} av det är pausat medan ett problem du rapporterat reds ut.", "{0} davon sind pausiert, solange ein gemeldetes Problem geklärt wird."),
        ["balance-none"] = ("You have nothing left to pay.", "Du har inget kvar att betala.", "Du hast nichts mehr zu zahlen."),
        ["next-payment"] = (
            "Your next payment is {0}, due on {1}, for your order from {2} ({3}).",
            "Din nästa betalning är {0} och förfaller {1}, för din beställning från {2} ({3}).",
            "Deine nächste Zahlung über {0} ist am {1} fällig, für deine Bestellung bei {2} ({3})."),
        ["next-payment-overdue"] = (
            "Your payment of {0} for your order from {2} ({3}) was due on {1} and is overdue.",
            "Din betalning på {0} för beställningen från {2} ({3}) förföll {1} och är försenad.",
            "Deine Zahlung über {0} für die Bestellung bei {2} ({3}) war am {1} fällig und ist überfällig."),
        ["next-payment-none"] = ("You have no upcoming payments.", "Du har inga kommande betalningar.", "Du hast keine anstehenden Zahlungen."),
        ["held-note"] = ("Payments of {0} are paused while a problem you reported is sorted out.", "Betalningar på {0} är pausade medan ett problem du rapporterat reds ut.", "Zahlungen über {0} sind pausiert, solange ein gemeldetes Problem geklärt wird."),
        ["order-placed"] = ("Your order from {0} ({1}) was placed on {2} and has not shipped yet.", "Din beställning från {0} ({1}) lades {2} och har inte skickats än.", "Deine Bestellung bei {0} ({1}) wurde am {2} aufgegeben und ist noch nicht versandt."),
        ["order-shipped"] = ("Your order from {0} ({1}) was shipped on {2} with {3}, tracking number {4}.", "Din beställning från {0} ({1}) skickades {2} med {3}, spårningsnummer {4}.", "Deine Bestellung bei {0} ({1}) wurde am {2} mit {3} versandt, Sendungsnummer {4}."),
        ["order-delivered"] = ("Your order from {0} ({1}) was delivered on {2}.", "Din beställning från {0} ({1}) levererades {2}.", "Deine Bestellung bei {0} ({1}) wurde am {2} zugestellt."),
        ["order-returned"] = ("Your order from {0} ({1}) has been returned to the store.", "Din beställning från {0} ({1}) har returnerats till butiken.", "Deine Bestellung bei {0} ({1}) wurde an den Shop zurückgeschickt."),
        ["order-partly-returned"] = ("Part of your order from {0} ({1}) has been returned to the store.", "En del av din beställning från {0} ({1}) har returnerats.", "Ein Teil deiner Bestellung bei {0} ({1}) wurde zurückgeschickt."),
        ["order-cancelled"] = ("Your order from {0} ({1}) was cancelled.", "Din beställning från {0} ({1}) avbröts.", "Deine Bestellung bei {0} ({1}) wurde storniert."),
        ["refunded"] = ("{2} has been refunded on your order from {0} ({1}), most recently on {3}.", "{2} har återbetalats på din beställning från {0} ({1}), senast {3}.", "Auf deine Bestellung bei {0} ({1}) wurden {2} erstattet, zuletzt am {3}."),
        ["no-refund-open-dispute"] = (
            "No refund yet on your order from {0} ({1}). The problem you reported on {2} is open, and payments of {3} are paused meanwhile.",
            "Ingen återbetalning än på din beställning från {0} ({1}). Problemet du rapporterade {2} är öppet och betalningar på {3} är pausade under tiden.",
            "Noch keine Erstattung für deine Bestellung bei {0} ({1}). Das am {2} gemeldete Problem ist offen, Zahlungen über {3} sind solange pausiert."),
        ["no-refund"] = (
            "I can't see a refund on your order from {0} ({1}) yet. A refund starts when the store registers it, usually a few days after it receives a return.",
            "Jag ser ingen återbetalning på din beställning från {0} ({1}) än. En återbetalning startar när butiken registrerar den, oftast några dagar efter att returen kommit fram.",
            "Ich sehe noch keine Erstattung für deine Bestellung bei {0} ({1}). Eine Erstattung beginnt, wenn der Shop sie bucht, meist wenige Tage nach Eingang der Rücksendung."),
        ["which-order"] = ("Which order do you mean?", "Vilken beställning menar du?", "Welche Bestellung meinst du?"),
        ["which-order-hint"] = ("Answer with the number or the store's name.", "Svara med numret eller butikens namn.", "Antworte mit der Nummer oder dem Namen des Shops."),
        ["no-order"] = (
            "I can't see an order of yours that fits. If it's a recent purchase, it may not have reached us yet — or tell me the order number.",
            "Jag ser ingen beställning som passar. Om köpet är nytt kanske det inte har kommit fram till oss än — eller ange ordernumret.",
            "Ich sehe keine passende Bestellung. Wenn der Kauf neu ist, ist er vielleicht noch nicht bei uns angekommen — oder nenne mir die Bestellnummer."),
        ["no-orders-at-all"] = ("I can't see any orders on your account.", "Jag ser inga beställningar på ditt konto.", "Ich sehe keine Bestellungen in deinem Konto."),
        ["unknown-reference"] = (
            "I can't find an order with the reference {0} among your orders. Could you check the number, or tell me the store's name?",
            "Jag hittar ingen beställning med referensen {0} bland dina beställningar. Kan du kontrollera numret eller ange butikens namn?",
            "Ich finde keine Bestellung mit der Nummer {0} unter deinen Bestellungen. Kannst du die Nummer prüfen oder den Namen des Shops nennen?"),
        ["reported-not-received"] = (
            "I've reported that your order from {0} ({1}) hasn't arrived, and paused payments of {2} at once — no reminders or late fees meanwhile. Please contact the store too; you have until {3} to settle it with them, then we step in.",
            "Jag har rapporterat att din beställning från {0} ({1}) inte har kommit och pausat betalningar på {2} direkt — inga påminnelser eller avgifter under tiden. Kontakta gärna butiken också; ni har till {3} på er att lösa det, sedan kliver vi in.",
            "Ich habe gemeldet, dass deine Bestellung bei {0} ({1}) nicht angekommen ist, und Zahlungen über {2} sofort pausiert — solange keine Mahnungen oder Gebühren. Bitte kontaktiere auch den Shop; ihr habt bis {3} Zeit, es zu klären, danach greifen wir ein."),
        ["reported-defective"] = (
            "I've reported the problem with your order from {0} ({1}) and paused payments of {2} at once. Please contact the store about a repair, replacement or return; you have until {3} to settle it with them, then we step in.",
            "Jag har rapporterat problemet med din beställning från {0} ({1}) och pausat betalningar på {2} direkt. Kontakta butiken om reparation, byte eller retur; ni har till {3} på er att lösa det, sedan kliver vi in.",
            "Ich habe das Problem mit deiner Bestellung bei {0} ({1}) gemeldet und Zahlungen über {2} sofort pausiert. Bitte kontaktiere den Shop wegen Reparatur, Ersatz oder Rücksendung; ihr habt bis {3} Zeit, danach greifen wir ein."),
        ["reported-wrong-amount"] = (
            "I've reported the wrong charge on your order from {0} ({1}) and paused payments of {2} at once. The store has until {3} to correct it with you, then we step in.",
            "Jag har rapporterat den felaktiga debiteringen på din beställning från {0} ({1}) och pausat betalningar på {2} direkt. Butiken har till {3} på sig att rätta det, sedan kliver vi in.",
            "Ich habe die falsche Abbuchung für deine Bestellung bei {0} ({1}) gemeldet und Zahlungen über {2} sofort pausiert. Der Shop hat bis {3} Zeit, es zu korrigieren, danach greifen wir ein."),
        ["reported-unauthorised"] = (
            "I've reported the purchase at {0} ({1}) as not made by you and paused payments of {2}. You won't be asked to pay it while it is investigated.",
            "Jag har rapporterat köpet hos {0} ({1}) som inte gjort av dig och pausat betalningar på {2}. Du behöver inte betala medan det utreds.",
            "Ich habe den Kauf bei {0} ({1}) als nicht von dir getätigt gemeldet und Zahlungen über {2} pausiert. Solange ermittelt wird, musst du nichts zahlen."),
        ["return-paused-need-tracking"] = (
            "I've paused payments of {2} on your order from {0} ({1}) while you return it. What are the carrier and tracking number of the return parcel? For example \"PostNord 00370712345678901\".",
            "Jag har pausat betalningar på {2} för din beställning från {0} ({1}) medan du returnerar den. Vilket fraktbolag och spårningsnummer har returpaketet? Till exempel \"PostNord 00370712345678901\".",
            "Ich habe Zahlungen über {2} für deine Bestellung bei {0} ({1}) pausiert, während du sie zurückschickst. Welcher Versanddienst und welche Sendungsnummer hat das Rücksendepaket? Zum Beispiel \"DHL 00340434161234567890\"."),
        ["return-registered"] = (
            "Thanks — I've registered your return with {0}, tracking number {1}. Payments stay paused until the store has handled it, at the latest by {2}.",
            "Tack — jag har registrerat din retur med {0}, spårningsnummer {1}. Betalningarna är pausade tills butiken har hanterat den, senast {2}.",
            "Danke — ich habe deine Rücksendung mit {0}, Sendungsnummer {1}, registriert. Die Zahlungen bleiben pausiert, bis der Shop sie bearbeitet hat, spätestens bis {2}."),
        ["tracking-missing"] = (
            "I couldn't find a tracking number in that. Please write the carrier and the tracking number of the return parcel, for example \"PostNord 00370712345678901\".",
            "Jag hittade inget spårningsnummer. Skriv fraktbolag och spårningsnummer för returpaketet, till exempel \"PostNord 00370712345678901\".",
            "Ich habe keine Sendungsnummer gefunden. Bitte schreib Versanddienst und Sendungsnummer des Rücksendepakets, zum Beispiel \"DHL 00340434161234567890\"."),
        ["already-open"] = (
            "There is already an open problem report on your order from {0} ({1}) since {2}, and payments of {3} are paused. A person can add to it if you ask.",
            "Det finns redan en öppen problemrapport på din beställning från {0} ({1}) sedan {2}, och betalningar på {3} är pausade. En person kan komplettera den om du vill.",
            "Für deine Bestellung bei {0} ({1}) gibt es seit {2} schon eine offene Problemmeldung, Zahlungen über {3} sind pausiert. Ein Mensch kann sie ergänzen, wenn du möchtest."),
        ["action-refused"] = ("I couldn't do that: {0}", "Det gick inte: {0}", "Das ging leider nicht: {0}"),
        ["pause-needs-reason"] = (
            "I can pause payments on an order while there's a problem with it — for example while you return it, or if it never arrived or is faulty. What happened with your order?",
            "Jag kan pausa betalningar på en beställning medan det finns ett problem med den — till exempel medan du returnerar den, eller om den aldrig kom eller är trasig. Vad har hänt med din beställning?",
            "Ich kann Zahlungen für eine Bestellung pausieren, solange es ein Problem damit gibt — etwa während du sie zurückschickst, oder wenn sie nie ankam oder defekt ist. Was ist mit deiner Bestellung passiert?"),
        ["move-due-date"] = (
            "I can't move a due date myself, and I won't promise what I can't do. What I can do right away is pause payments on an order while there's a problem with it (a return on its way, an item that never arrived, a faulty item, a wrong amount). For more time to pay for another reason, ask for a person and our team will look at what your plan allows.",
            "Jag kan inte flytta ett förfallodatum själv, och jag lovar inget jag inte kan hålla. Det jag kan göra direkt är att pausa betalningar på en beställning medan det finns ett problem med den (en retur på väg, en vara som aldrig kom, en trasig vara, fel belopp). Behöver du mer tid av något annat skäl, be att få prata med en person så ser vårt team vad din plan tillåter.",
            "Ich kann ein Fälligkeitsdatum nicht selbst verschieben, und ich verspreche nichts, was ich nicht halten kann. Sofort kann ich Zahlungen für eine Bestellung pausieren, solange es ein Problem damit gibt (eine Rücksendung unterwegs, ein nie angekommener oder defekter Artikel, ein falscher Betrag). Brauchst du aus einem anderen Grund mehr Zeit, frag nach einem Menschen; unser Team prüft, was dein Plan erlaubt."),
        ["complaint"] = (
            "I'm sorry to hear that. Tell me which order it's about and what went wrong, and I'll see what I can do — or ask for a person at any time.",
            "Det var tråkigt att höra. Berätta vilken beställning det gäller och vad som gick fel, så ser jag vad jag kan göra — eller be att få prata med en person.",
            "Das tut mir leid. Sag mir, um welche Bestellung es geht und was schiefgelaufen ist, dann schaue ich, was ich tun kann — oder frag jederzeit nach einem Menschen."),
        ["injection"] = (
            "I can't take instructions like that. I only act on your own orders through the normal steps, such as reporting a problem with an order or pausing payments while you return it. What happened with your order?",
            "Sådana instruktioner kan jag inte ta emot. Jag agerar bara på dina egna beställningar genom de vanliga stegen, som att rapportera ett problem eller pausa betalningar under en retur. Vad har hänt med din beställning?",
            "Solche Anweisungen kann ich nicht annehmen. Ich handle nur über die normalen Schritte mit deinen eigenen Bestellungen, etwa ein Problem melden oder Zahlungen während einer Rücksendung pausieren. Was ist mit deiner Bestellung passiert?"),
        // Offers: what will happen (which order, which amount, what the shopper does next), then the question. {0} store, {1} order, {2} unpaid.
        ["offer-report-return"] = (
            "I can pause payments of {2} on your order from {0} ({1}) while you return it: no reminders or late fees until the store has handled the return. After that, tell me the carrier and tracking number of the parcel.",
            "Jag kan pausa betalningar på {2} för din beställning från {0} ({1}) medan du returnerar den: inga påminnelser eller förseningsavgifter tills butiken har hanterat returen. Sedan behöver jag fraktbolag och spårningsnummer för paketet.",
            "Ich kann Zahlungen über {2} für deine Bestellung bei {0} ({1}) pausieren, während du sie zurückschickst: keine Mahnungen oder Mahngebühren, bis der Shop die Rücksendung bearbeitet hat. Danach brauche ich Versanddienst und Sendungsnummer des Pakets."),
        ["offer-not-received"] = (
            "I can report that your order from {0} ({1}) hasn't arrived and pause payments of {2} meanwhile. You would then contact the store too; it gets time to settle it with you before we step in.",
            "Jag kan rapportera att din beställning från {0} ({1}) inte har kommit och pausa betalningar på {2} under tiden. Du kontaktar då också butiken; den får tid att lösa det med dig innan vi kliver in.",
            "Ich kann melden, dass deine Bestellung bei {0} ({1}) nicht angekommen ist, und Zahlungen über {2} solange pausieren. Du kontaktierst dann auch den Shop; er bekommt Zeit, es mit dir zu klären, bevor wir eingreifen."),
        ["offer-defective-item"] = (
            "I can report the problem with your order from {0} ({1}) and pause payments of {2} meanwhile. You would then contact the store about a repair, replacement or return.",
            "Jag kan rapportera problemet med din beställning från {0} ({1}) och pausa betalningar på {2} under tiden. Du kontaktar då butiken om reparation, byte eller retur.",
            "Ich kann das Problem mit deiner Bestellung bei {0} ({1}) melden und Zahlungen über {2} solange pausieren. Du kontaktierst dann den Shop wegen Reparatur, Ersatz oder Rücksendung."),
        ["offer-wrong-amount"] = (
            "I can report a wrong charge on your order from {0} ({1}) and pause payments of {2} meanwhile; the store then gets time to correct it with you.",
            "Jag kan rapportera en felaktig debitering på din beställning från {0} ({1}) och pausa betalningar på {2} under tiden; butiken får då tid att rätta det med dig.",
            "Ich kann eine falsche Abbuchung für deine Bestellung bei {0} ({1}) melden und Zahlungen über {2} solange pausieren; der Shop bekommt dann Zeit, es mit dir zu korrigieren."),
        ["offer-charged-twice"] = (
            "I can report the double charge on your order from {0} ({1}) and pause payments of {2} meanwhile; the store then gets time to pay the extra back.",
            "Jag kan rapportera dubbeldebiteringen på din beställning från {0} ({1}) och pausa betalningar på {2} under tiden; butiken får då tid att betala tillbaka det som drogs för mycket.",
            "Ich kann die doppelte Abbuchung für deine Bestellung bei {0} ({1}) melden und Zahlungen über {2} solange pausieren; der Shop bekommt dann Zeit, das Zuviel zurückzuzahlen."),
        ["offer-unauthorised-purchase"] = (
            "I can report the purchase at {0} ({1}) as not made by you and pause payments of {2}; a person from our fraud team then takes over to secure your account.",
            "Jag kan rapportera köpet hos {0} ({1}) som inte gjort av dig och pausa betalningar på {2}; en person från vårt bedrägeriteam tar sedan över och skyddar ditt konto.",
            "Ich kann den Kauf bei {0} ({1}) als nicht von dir getätigt melden und Zahlungen über {2} pausieren; danach übernimmt eine Person aus unserem Betrugsteam und sichert dein Konto."),
        ["offer-ask"] = (
            "Shall I do that? Reply yes to go ahead or no to leave it — nothing changes until you say yes.",
            "Ska jag göra det? Svara ja för att gå vidare eller nej för att låta bli — ingenting ändras förrän du svarar ja.",
            "Soll ich das tun? Antworte ja, um fortzufahren, oder nein, um es zu lassen — nichts ändert sich, bevor du ja sagst."),
        ["offer-declined"] = (
            "All right — I haven't changed anything on your order from {0} ({1}). Ask me again whenever you want, or ask for a person.",
            "Okej — jag har inte ändrat något på din beställning från {0} ({1}). Fråga mig igen när du vill, eller be att få prata med en person.",
            "In Ordnung — ich habe an deiner Bestellung bei {0} ({1}) nichts geändert. Frag mich jederzeit wieder oder frag nach einem Menschen."),
        ["offer-lapsed"] = (
            "(I haven't done what I offered on your order from {0} ({1}); ask again if you still want it.)",
            "(Jag har inte gjort det jag erbjöd för din beställning från {0} ({1}); fråga igen om du fortfarande vill det.)",
            "(Was ich für deine Bestellung bei {0} ({1}) angeboten habe, habe ich nicht getan; frag noch einmal, wenn du es weiterhin möchtest.)"),
        ["offer-reminder"] = (
            "I haven't done anything yet. Reply yes to go ahead on your order from {0} ({1}), or no to leave it.",
            "Jag har inte gjort något än. Svara ja för att gå vidare med din beställning från {0} ({1}), eller nej för att låta bli.",
            "Ich habe noch nichts getan. Antworte ja, um bei deiner Bestellung bei {0} ({1}) fortzufahren, oder nein, um es zu lassen."),
        ["offer-stale"] = (
            "Something changed on your order from {0} ({1}) since I asked: {2} So I haven't done anything; ask me again if you still need help with it.",
            "Något har ändrats på din beställning från {0} ({1}) sedan jag frågade: {2} Därför har jag inte gjort något; fråga mig igen om du fortfarande behöver hjälp.",
            "An deiner Bestellung bei {0} ({1}) hat sich seit meiner Frage etwas geändert: {2} Deshalb habe ich nichts getan; frag mich noch einmal, wenn du weiter Hilfe brauchst."),
        ["offer-gone"] = (
            "I can't find the order I offered to help with among your orders any more, so I haven't done anything.",
            "Jag hittar inte längre beställningen jag erbjöd hjälp med bland dina beställningar, så jag har inte gjort något.",
            "Ich finde die Bestellung, bei der ich Hilfe angeboten habe, nicht mehr unter deinen Bestellungen, deshalb habe ich nichts getan."),
        ["changed-open"] = ("a problem report on it was opened on {0}.", "en problemrapport öppnades på den {0}.", "am {0} wurde dafür eine Problemmeldung eröffnet."),
        ["changed-status"] = ("its status has changed, so this step no longer applies.", "dess status har ändrats, så det här steget gäller inte längre.", "ihr Status hat sich geändert, dieser Schritt passt nicht mehr."),
        ["changed-paid"] = ("there is nothing left to pay on it.", "det finns inget kvar att betala på den.", "darauf ist nichts mehr zu zahlen."),
        ["changed-amount"] = ("what is left to pay on it is now {0}.", "det som är kvar att betala på den är nu {0}.", "darauf sind jetzt noch {0} zu zahlen."),
        ["return-paid-off"] = (
            "Your order from {0} ({1}) is fully paid, so there are no payments to pause. Once the store has received your return, it refunds you — ask me about your refund any time.",
            "Din beställning från {0} ({1}) är helt betald, så det finns inga betalningar att pausa. När butiken har tagit emot returen får du pengarna tillbaka — fråga mig om återbetalningen när du vill.",
            "Deine Bestellung bei {0} ({1}) ist vollständig bezahlt, es gibt also keine Zahlungen zu pausieren. Sobald der Shop deine Rücksendung erhalten hat, erstattet er dir das Geld — frag mich jederzeit nach der Erstattung."),
        ["return-to-come"] = (
            "Once you have sent the parcel, tell me the carrier and tracking number, and I'll offer to pause payments of {2} on your order from {0} ({1}) until the store has handled the return. Nothing is paused yet.",
            "När du har skickat paketet, skriv fraktbolag och spårningsnummer, så erbjuder jag att pausa betalningar på {2} för din beställning från {0} ({1}) tills butiken har hanterat returen. Ingenting är pausat än.",
            "Sobald du das Paket verschickt hast, nenn mir Versanddienst und Sendungsnummer; dann biete ich an, Zahlungen über {2} für deine Bestellung bei {0} ({1}) zu pausieren, bis der Shop die Rücksendung bearbeitet hat. Noch ist nichts pausiert."),
        ["return-to-come-paid-off"] = (
            "Your order from {0} ({1}) is fully paid, so there is nothing to pause: once the store has received the return, it refunds you.",
            "Din beställning från {0} ({1}) är helt betald, så det finns inget att pausa: när butiken har tagit emot returen får du pengarna tillbaka.",
            "Deine Bestellung bei {0} ({1}) ist vollständig bezahlt, es gibt nichts zu pausieren: Sobald der Shop die Rücksendung erhalten hat, erstattet er dir das Geld."),
        ["charged-twice-found"] = (
            "I can see two payments of {2} on your order from {0} ({1}): {3}.",
            "Jag ser två betalningar på {2} för din beställning från {0} ({1}): {3}.",
            "Ich sehe zwei Zahlungen über {2} für deine Bestellung bei {0} ({1}): {3}."),
        ["charged-twice-not-found"] = (
            "I looked at the payments on your order from {0} ({1}): {2}. I can't see two payments of the same amount. If an amount is wrong, say \"wrong amount\" and I'll offer to report it, or ask for a person to look at it with you.",
            "Jag har tittat på betalningarna för din beställning från {0} ({1}): {2}. Jag ser inga två betalningar på samma belopp. Om ett belopp är fel, skriv \"fel belopp\" så erbjuder jag att rapportera det, eller be att få prata med en person.",
            "Ich habe mir die Zahlungen für deine Bestellung bei {0} ({1}) angesehen: {2}. Zwei Zahlungen über denselben Betrag sehe ich nicht. Wenn ein Betrag falsch ist, schreib \"falscher Betrag\", dann biete ich an, es zu melden — oder frag nach einem Menschen."),
        ["payments-none"] = ("no payments yet", "inga betalningar än", "noch keine Zahlungen"),
        ["ok-noted"] = ("Good. Is there anything else I can help with?", "Bra. Är det något mer jag kan hjälpa till med?", "Gut. Kann ich sonst noch etwas für dich tun?"),
        ["small-talk"] = (
            "I'm the assistant for your payments and orders, and I'm doing fine, thanks! What can I help you with?",
            "Jag är assistenten för dina betalningar och beställningar, och jag mår bra, tack! Vad kan jag hjälpa dig med?",
            "Ich bin der Assistent für deine Zahlungen und Bestellungen, und mir geht es gut, danke! Wobei kann ich dir helfen?"),
        ["number-without-list"] = (
            "A number on its own picks from a list, but there's no list open right now. What would you like help with — a payment, an order or a refund?",
            "En siffra väljer ur en lista, men det finns ingen lista öppen just nu. Vad vill du ha hjälp med — en betalning, en beställning eller en återbetalning?",
            "Eine Zahl allein wählt aus einer Liste, aber gerade ist keine Liste offen. Wobei möchtest du Hilfe — bei einer Zahlung, einer Bestellung oder einer Erstattung?"),
        ["article"] = ("{0}: {1}", "{0}: {1}", "{0}: {1}"),
        ["rate-limit"] = (
            "You're sending messages faster than I can answer them ({0} a minute at most). Please wait a moment and send your question again.",
            "Du skickar meddelanden snabbare än jag hinner svara (högst {0} i minuten). Vänta en stund och skicka din fråga igen.",
            "Du schickst Nachrichten schneller, als ich antworten kann (höchstens {0} pro Minute). Bitte warte einen Moment und schick deine Frage noch einmal."),
    };

    public static string Say(string language, string key, params object[] args) => Say(language, formal: false, key, args);

    /// <param name="formal">German in the formal address ("Sie"), for a shopper who writes that way.</param>
    public static string Say(string language, bool formal, string key, params object[] args)
    {
        var (en, sv, de) = Table[key];
        var template = language switch
        {
            "sv" => sv,
            "de" when formal => FormalGerman.GetOrAdd(key, _ => Formal(de)),
            "de" => de,
            _ => en,
        };
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    public static bool Has(string key) => Table.ContainsKey(key);

    /// <summary>Dates as ISO 8601, the one format every reader of three languages parses alike.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

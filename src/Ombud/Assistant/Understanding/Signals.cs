namespace Ombud.Assistant.Understanding;

/// <summary>
/// The words that decide a turn before any classifier does: a request for a person (typos allowed, because a person
/// in a hurry misspells), signs that the shopper is vulnerable, claims of fraud, and attempts to instruct the
/// assistant. Lists, not a model, so each hand-off can name the phrase that caused it and a missed phrasing is a
/// one-line fix with a test.
/// </summary>
internal static class Signals
{
    public static readonly PhraseMatcher HumanRequest = new(
    [
        // English
        "human", "humans", "human being", "real human", "agent", "agents", "live agent", "real person", "actual person", "live person",
        "real people", "someone real", "somebody real", "a real someone", "talk to someone", "talk to somebody", "talk with someone",
        "speak to someone", "speak to somebody", "speak with someone", "speak with somebody", "chat with someone", "chat to someone",
        "talk to a person", "speak to a person", "speak with a person", "talk with a person", "need a person", "want a person",
        "get me a person", "person please", "representative", "operator", "customer service", "customer support", "support team",
        "a supervisor", "a manager", "bot", "bots", "chatbot", "not a robot", "not a machine", "real support",
        // Swedish
        "människa", "människor", "en människa", "riktig människa", "riktig person", "riktiga personer", "verklig person", "levande person",
        "prata med någon", "prata med nån", "tala med någon", "tala med nån", "snacka med någon", "prata med en person", "tala med en person",
        "vill ha en person", "få en person", "handläggare", "kundtjänst", "kundservice", "mänsklig", "en agent", "operatör",
        "inte en bot", "inte en robot", "ingen bot", "någon på riktigt",
        // German
        "mensch", "menschen", "einem menschen", "echter mensch", "echten menschen", "echte person", "echten person", "echter person",
        "mitarbeiter", "mitarbeiterin", "sachbearbeiter", "sachbearbeiterin", "mit jemandem sprechen", "mit jemandem reden",
        "mit jemand sprechen", "mit jemand reden", "jemanden sprechen", "mit einer person", "eine person sprechen", "kundendienst",
        "kundenservice", "berater", "beraterin", "keine maschine", "kein bot", "kein roboter", "nicht mit einem bot",
    ], allowTypos: true);

    /// <summary>
    /// Money trouble said outright (a lost job, debts, no money left): a person with the financial-difficulty skill
    /// takes it, and it counts as vulnerability for the queue, whatever the question was.
    /// </summary>
    private static readonly string[] MoneyHardshipPhrases =
    [
        // English
        "lost my job", "lost my income", "unemployed", "made redundant", "laid off",
        "cant afford", "cannot afford", "can not afford", "hardship", "struggling financially", "struggling to pay", "in debt",
        "debt collector", "bankrupt", "no money left",
        // Swedish
        "förlorat jobbet", "förlorade jobbet", "blev av med jobbet", "arbetslös", "uppsagd", "har inte råd", "inte råd",
        "ekonomiska svårigheter", "skulder", "kronofogden", "inga pengar kvar",
        // German
        "job verloren", "arbeit verloren", "arbeitslos", "gekündigt worden", "kann mir nicht leisten", "nicht leisten", "finanzielle schwierigkeiten",
        "schulden", "inkasso", "pleite", "kein geld mehr",
    ];

    /// <summary>Bereavement, illness and other hard circumstances besides money: a person trained for vulnerable customers takes these.</summary>
    private static readonly string[] PersonalHardshipPhrases =
    [
        // English
        "passed away", "died", "has died", "death in the family", "funeral", "bereavement", "bereaved", "widow", "widowed", "widower",
        "cancer", "chemo", "chemotherapy", "hospital", "hospitalised", "hospitalized", "seriously ill", "terminally ill", "very ill",
        "am ill", "been ill", "fell ill", "i am sick", "im sick", "been sick", "illness", "disabled", "disability", "mental health",
        "depressed", "depression", "suicidal", "homeless", "domestic abuse", "carer",
        // Swedish
        "gått bort", "gick bort", "har dött", "avled", "dödsfall", "begravning", "änka", "änkling", "cancer", "sjukhus", "sjukhuset",
        "allvarligt sjuk", "är sjuk", "blivit sjuk", "sjukskriven", "sjukdom", "funktionsnedsättning", "deprimerad", "depression", "hemlös",
        // German
        "gestorben", "verstorben", "ist tot", "todesfall", "beerdigung", "beerdigt", "witwe", "witwer", "krebs", "krankenhaus",
        "schwer krank", "bin krank", "krank geworden", "krankheit", "behinderung", "depressiv", "depression", "obdachlos",
    ];

    public static readonly PhraseMatcher PersonalHardship = new(PersonalHardshipPhrases, allowTypos: false);

    /// <summary>Bereavement, illness, hardship (money trouble included): a person should take these, gently, whatever the question was.</summary>
    public static readonly PhraseMatcher Vulnerability = new([.. PersonalHardshipPhrases, .. MoneyHardshipPhrases], allowTypos: false);

    /// <summary>"I can't pay this month", "can I pay later": the shopper needs more time, and gets their options with costs.</summary>
    public static readonly PhraseMatcher PaymentDifficulty = new(
    [
        // English
        "cant pay", "can not pay", "cannot pay", "unable to pay", "cant make the payment", "cant make my payment", "pay later",
        "more time to pay", "need more time", "postpone my payment", "postpone the payment", "delay my payment", "delay the payment",
        "extend my payment", "extend the due date", "push back my payment", "short on money", "money is tight",
        // Swedish
        "kan inte betala", "kan ej betala", "klarar inte att betala", "betala senare", "mer tid att betala", "längre tid att betala",
        "skjuta upp betalningen", "skjuta upp min betalning", "flytta betalningen", "anstånd", "ont om pengar",
        // German
        "kann nicht zahlen", "kann nicht bezahlen", "nicht zahlen", "nicht bezahlen", "kann die rate nicht", "später zahlen", "später bezahlen", "mehr zeit zum zahlen",
        "mehr zeit zum bezahlen", "zahlung verschieben", "zahlungsaufschub", "stundung", "knapp bei kasse",
    ], allowTypos: false);

    /// <summary>An explicit yes to a question the assistant asked: nothing else counts as one.</summary>
    public static readonly PhraseMatcher Yes = new(["yes", "yes please", "yes do it", "ja", "ja tack", "ja gärna", "ja bitte", "jawohl"], allowTypos: false);

    /// <summary>Words that claim fraud outright; the classifier's unauthorised_purchase catches the rest.</summary>
    public static readonly PhraseMatcher FraudClaim = new(
    [
        "fraud", "fraudulent", "stolen card", "card was stolen", "identity theft", "stole my identity", "identity was stolen", "hacked",
        "scam", "scammed", "account takeover",
        "bedrägeri", "bedragare", "kapad", "kapat", "kapats", "id kapning", "idkapning", "stulen identitet", "stulet kort",
        "betrug", "betrüger", "gehackt", "identitätsdiebstahl", "karte gestohlen", "gestohlene karte",
    ], allowTypos: false);

    /// <summary>Attempts to give the assistant instructions. They never move money (nothing the shopper writes can), but they get no action at all.</summary>
    public static readonly PhraseMatcher Injection = new(
    [
        "ignore previous", "ignore all previous", "ignore the previous", "ignore your previous", "ignore prior", "ignore all instructions",
        "ignore your instructions", "ignore the above", "ignore everything", "disregard previous", "disregard all", "disregard your",
        "forget your instructions", "forget previous instructions", "forget all previous", "previous instructions", "prior instructions",
        "system prompt", "you are now", "developer mode", "jailbreak", "new instructions", "act as an admin", "pretend you are",
        "ignorera tidigare", "ignorera alla", "ignorera dina", "tidigare instruktioner", "glöm dina instruktioner", "systemprompt",
        "ignoriere alle", "ignoriere vorherige", "ignoriere die vorherigen", "vorherigen anweisungen", "vorherige anweisungen",
        "vergiss alle", "vergiss deine anweisungen",
    ], allowTypos: false);
}

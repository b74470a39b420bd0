using Ombud.Assistant.Understanding;

namespace Ombud.Assistant.Dialogue;

/// <summary>What the policy decides from: the message as read, the shopper's own data, and the conversation so far.</summary>
/// <param name="Sentiments">The sentiment of each of the shopper's messages in order, this one last.</param>
/// <param name="Button">True when the shopper pressed "Talk to a person" rather than writing.</param>
/// <param name="Formal">The shopper has written German in the formal address ("Sie"): replies use it too.</param>
internal sealed record Turn(
    Reading Reading,
    CustomerFacts Facts,
    PendingQuestion? Pending,
    int FailedUnderstandings,
    bool HandedOff,
    int? QueuePosition,
    IReadOnlyList<double> Sentiments,
    bool Button,
    DateOnly Today,
    bool Formal = false)
{
    public string Language => Reading.Language;

    /// <summary>How this reply writes amounts and dates: its language, the shopper's market and time zone.</summary>
    public Wording Words => Wording.For(Language, Facts.Market);

    /// <summary>The phrase in the reply's language, with amounts and dates written for the reader.</summary>
    public string Say(string key, params object[] args) => Phrases.Say(Language, Formal, key, Words.Format(args));
}

using Ombud.Assistant.Understanding;

namespace Ombud.Assistant.Dialogue;

/// <summary>What the policy decides from: the message as read, the shopper's own data, and the conversation so far.</summary>
/// <param name="Sentiments">The sentiment of each of the shopper's messages in order, this one last.</param>
/// <param name="Button">True when the shopper pressed "Talk to a person" rather than writing.</param>
internal sealed record Turn(
    Reading Reading,
    CustomerFacts Facts,
    PendingQuestion? Pending,
    int FailedUnderstandings,
    bool HandedOff,
    int? QueuePosition,
    IReadOnlyList<double> Sentiments,
    bool Button,
    DateOnly Today)
{
    public string Language => Reading.Language;

    public string Say(string key, params object[] args) => Phrases.Say(Language, key, args);
}

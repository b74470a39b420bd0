using Ombud.Assistant.Dialogue;

namespace Ombud.Assistant.Understanding;

/// <summary>Everything the assistant understood of one message, before the policy decides what to do with it.</summary>
internal sealed record Reading(
    string Text,
    string Language,
    string? DetectedLanguage,
    string Intent,
    double Confidence,
    string? RunnerUp,
    double Sentiment,
    string? HumanPhrase,
    string? VulnerabilityPhrase,
    string? FraudPhrase,
    string? InjectionPhrase,
    Entities Entities,
    string? DifficultyPhrase = null);

/// <summary>
/// Reads a message: cleans it, detects its language and sentiment, classifies its intent, finds its entities and
/// signals. Whether it asks for a person is <see cref="PersonRequest"/>'s decision: when it says no, an intent of
/// <c>human_agent</c> gives way to the next most likely one, so a mention of a person never hands off by the intent either.
/// </summary>
internal sealed class MessageReader(IntentClassifier classifier)
{
    public Reading Read(string cleanText, string conversationLanguage, IReadOnlyList<string> earlierShopperTexts, CustomerFacts facts, DateOnly today)
    {
        var words = PhraseMatcher.Words(cleanText);
        var detected = LanguageDetector.Detect(cleanText);
        var language = LanguageDetector.Follow(conversationLanguage, detected);
        var prediction = words.Length == 0 ? null : classifier.Predict(cleanText);
        var person = classifier.IndexOf(PersonRequest.Intent);
        var humanPhrase = prediction is null ? null
            : PersonRequest.Decide(words, cleanText, person < 0 ? 0 : prediction.NGramProbabilities[person], prediction.Embedding);
        // Intents from most to least likely; not a request for a person means not human_agent either.
        int[] ranked = prediction is null ? []
            : [.. prediction.Probabilities.Select((p, i) => (p, i)).OrderByDescending(x => x.p).Select(x => x.i).Where(i => humanPhrase is not null || i != person)];
        var demoted = humanPhrase is null && prediction?.Intent == PersonRequest.Intent;
        var intent = prediction is null ? "none" : demoted ? classifier.Intents[ranked[0]] : prediction.Intent;
        double confidence = prediction is null ? 0 : demoted ? prediction.Probabilities[ranked[0]] : prediction.Confidence;
        var runnerUp = ranked.Length > 1 ? classifier.Intents[ranked[1]] : null;

        return new Reading(
            cleanText,
            language,
            detected,
            intent,
            confidence,
            runnerUp,
            SentimentScorer.Score(cleanText, earlierShopperTexts),
            humanPhrase,
            Signals.Vulnerability.FirstMatch(words),
            Signals.FraudClaim.FirstMatch(words),
            Signals.Injection.FirstMatch(words),
            EntityExtractor.Extract(cleanText, facts, today),
            Signals.PaymentDifficulty.FirstMatch(words));
    }

    /// <summary>
    /// The "Talk to a person" button: its label is the product's words, not the shopper's, so nothing in it is classified,
    /// encoded or detected (reading it cost most of a hand-off request's CPU). It reads as a sure request for a person,
    /// in the conversation's language.
    /// </summary>
    public static Reading Pressed(string label, string conversationLanguage, CustomerFacts facts, DateOnly today) =>
        new(label, conversationLanguage, null, PersonRequest.Intent, 1, null, 0, label, null, null, null, EntityExtractor.Extract(label, facts, today));
}

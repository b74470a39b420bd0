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

/// <summary>Reads a message: cleans it, detects its language and sentiment, classifies its intent, finds its entities and signals.</summary>
internal sealed class MessageReader(IntentClassifier classifier)
{
    public Reading Read(string cleanText, string conversationLanguage, IReadOnlyList<string> earlierShopperTexts, CustomerFacts facts, DateOnly today)
    {
        var words = PhraseMatcher.Words(cleanText);
        var detected = LanguageDetector.Detect(cleanText);
        var language = LanguageDetector.Follow(conversationLanguage, detected);
        var prediction = words.Length == 0 ? null : classifier.Predict(cleanText);
        string? runnerUp = null;
        if (prediction is not null)
        {
            var second = prediction.Probabilities.Select((p, i) => (p, i)).OrderByDescending(x => x.p).Skip(1).FirstOrDefault();
            runnerUp = classifier.Intents[second.i];
        }

        return new Reading(
            cleanText,
            language,
            detected,
            prediction?.Intent ?? "none",
            prediction?.Confidence ?? 0,
            runnerUp,
            SentimentScorer.Score(cleanText, earlierShopperTexts),
            Signals.HumanRequest.FirstMatch(words),
            Signals.Vulnerability.FirstMatch(words),
            Signals.FraudClaim.FirstMatch(words),
            Signals.Injection.FirstMatch(words),
            EntityExtractor.Extract(cleanText, facts, today),
            Signals.PaymentDifficulty.FirstMatch(words));
    }
}

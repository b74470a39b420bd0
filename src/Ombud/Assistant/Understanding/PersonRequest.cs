using System.Globalization;
using Ombud.Assistant.Nlu;

namespace Ombud.Assistant.Understanding;

/// <summary>
/// Decides whether a message asks for a person, by its words and by its meaning. A request in any phrasing hands off
/// ("can somebody from your team contact me", "hooman pls"); a person mentioned in another sense does not ("the
/// delivery guy was rude", a book called "Being Human"). Short messages that name a person (<see cref="Signals.HumanRequest"/>,
/// typos allowed) hand off at once: they leave no room for another sense. Longer ones, and any message the intent model
/// thinks may be a request, are weighed by meaning: how much closer the sentence's embedding is to the written requests
/// in <c>Nlu/Data/person-requests.csv</c> than to the mentions and ordinary messages there, nudged by the intent
/// model's own probability for <c>human_agent</c>. A message with no such cue never runs the encoder.
/// </summary>
internal static class PersonRequest
{
    public const string Intent = "human_agent";

    /// <summary>Up to this many words, a named person is a request whatever else is said ("agent please", "Mensch bitte").</summary>
    private const int ShortMessageWords = 4;

    /// <summary>Below this intent-model probability, a message with no person phrase is not weighed at all (the encoder stays idle).</summary>
    private const float Cue = 0.05f;

    /// <summary>How much the intent model's probability moves the meaning score, around an even 0.5.</summary>
    private const float IntentWeight = 0.2f;

    /// <summary>The meaning score from which a message is a request (chosen on the phrasings in the tests; see docs/assistant.md).</summary>
    private const float Threshold = 0.02f;

    /// <summary>How many nearest written examples of each side are averaged.</summary>
    private const int Nearest = 3;

    private static readonly Lazy<Prototypes> Written = new(Prototypes.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Why the message is a request for a person (the phrase, or the written request it is closest to in meaning), or
    /// null when it is not one.
    /// </summary>
    /// <param name="intentProbability">The intent model's probability for <see cref="Intent"/>.</param>
    /// <param name="embedding">The sentence's embedding if the turn already has it; encoded here only when needed.</param>
    public static string? Decide(IReadOnlyList<string> words, string text, float intentProbability, float[]? embedding)
    {
        var phrase = Signals.HumanRequest.FirstMatch(words);
        if (phrase is not null && words.Count <= ShortMessageWords)
        {
            return phrase;
        }

        if (phrase is null && intentProbability < Cue)
        {
            return null;
        }

        var (score, nearest) = Written.Value.Score(embedding ?? SentenceMeaning.Encode(text), intentProbability);
        return score < Threshold ? null
            : phrase ?? string.Create(CultureInfo.InvariantCulture, $"in other words: \"{nearest}\"");
    }

    /// <summary>The meaning score of a message (for tests and tuning): at least <see cref="Threshold"/> is a request.</summary>
    internal static float Score(string text, float intentProbability) =>
        Written.Value.Score(SentenceMeaning.Encode(text), intentProbability).Score;

    private sealed class Prototypes(float[][] requests, string[] requestTexts, float[][] others)
    {
        public static Prototypes Load()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Assistant", "Nlu", "Data", "person-requests.csv");
            var (rows, error) = IntentCsv.Read(path, "text", "label");
            if (error is not null)
            {
                throw new InvalidOperationException($"The assistant's written person requests could not be read: {error.Message}");
            }

            var vectors = SentenceMeaning.EncodeAll([.. rows.Select(r => r.Text)]);
            var isRequest = rows.Select(r => r.Label == "request").ToArray();
            return new Prototypes(
                [.. vectors.Where((_, i) => isRequest[i])],
                [.. rows.Where((_, i) => isRequest[i]).Select(r => r.Text)],
                [.. vectors.Where((_, i) => !isRequest[i])]);
        }

        public (float Score, string Nearest) Score(float[] embedding, float intentProbability)
        {
            var toRequests = requests.Select(r => SentenceMeaning.Similarity(embedding, r)).ToArray();
            var nearest = requestTexts[Array.IndexOf(toRequests, toRequests.Max())];
            var margin = TopMean(toRequests) - TopMean(others.Select(o => SentenceMeaning.Similarity(embedding, o)));
            return (margin + (IntentWeight * (intentProbability - 0.5f)), nearest);
        }

        private static float TopMean(IEnumerable<float> similarities) => similarities.OrderDescending().Take(Nearest).Average();
    }
}

namespace Ombud.Bench.Assistant.Chat;

/// <summary>
/// What shoppers write, weighted roughly as a BNPL help desk sees it: money questions first, then where a parcel is
/// (often answered with "which order?" and a reply to it), how-to questions, small talk, now and then a person. Only
/// questions, no actions: every conversation belongs to the one bench shopper, whose orders one pause would use up.
/// </summary>
internal static class MessageMix
{
    private static readonly (int Weight, string[] Lines)[] Kinds =
    [
        (20, ["How much do I owe in total?", "what's my balance", "how much is left to pay?", "Hur mycket är kvar att betala?", "Wie viel schulde ich noch?"]),
        (20, ["When is my next payment due?", "next payment?", "when do I have to pay next", "När ska jag betala nästa gång?", "Wann ist die nächste Rate fällig?"]),
        (15, ["Where is my order?", "my parcel hasn't come yet, where is it?", "has my order shipped?"]),
        (5, ["Did I get my refund?", "when will my refund come"]),
        (20, ["How do late fees work?", "can I pay early?", "How do I change my card?", "what is pay in 4?", "how do returns work",
            "How long does a dispute take?", "Hur fungerar förseningsavgifter?", "Wie funktioniert die Rückgabe?"]),
        (15, ["hi", "hello there", "thanks!", "ok thank you", "bye"]),
        (2, ["can I talk to a real person please", "agent", "I want to speak to a human"]),
        (3, ["asdf", "banana phone", "is it raining in Malmö?"]),
    ];

    private static readonly int TotalWeight = Kinds.Sum(k => k.Weight);

    /// <summary>The reply to "which order?" that a shopper gives; it picks from the list the assistant offered.</summary>
    public static readonly string[] OrderChoices = ["the first one", "1", "the second one"];

    public static string Pick(Random random)
    {
        var roll = random.Next(TotalWeight);
        foreach (var (weight, lines) in Kinds)
        {
            if (roll < weight)
            {
                return lines[random.Next(lines.Length)];
            }

            roll -= weight;
        }

        throw new InvalidOperationException("The weights do not add up.");
    }
}

namespace Ombud.Assistant;

/// <summary>The assistant's business choices (section Ombud:Assistant); every hand-off threshold is one of them.</summary>
internal sealed class AssistantOptions
{
    public const string Section = "Ombud:Assistant";

    /// <summary>The intent model; empty for the one shipped beside the executable.</summary>
    public string? IntentModelPath { get; set; }

    /// <summary>Below this the intent is not trusted: the assistant tries the knowledge base, then says it did not understand.</summary>
    public double MinimumConfidence { get; set; } = 0.45;

    /// <summary>BM25 score (fields boosted) an article needs to be offered: shipped questions score 10–40, unrelated text under 7.</summary>
    public double MinimumArticleScore { get; set; } = 10.0;

    /// <summary>Per currency, in minor units: a problem with an order above this goes to a person (20,000 SEK, 2,000 EUR …).</summary>
    public Dictionary<string, long> LargeAmountMinor { get; set; } = new(StringComparer.Ordinal)
    {
        ["SEK"] = 2_000_000,
        ["NOK"] = 2_000_000,
        ["DKK"] = 1_500_000,
        ["EUR"] = 200_000,
        ["GBP"] = 200_000,
        ["USD"] = 200_000,
    };

    /// <summary>Messages one conversation may send in a minute before it gets a "slow down" instead of an answer.</summary>
    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>Conversations one shopper may start in 24 hours.</summary>
    public int ConversationsPerDay { get; set; } = 20;

    /// <summary>Conversations of one shopper that may wait for a person at once; a further request for a person is refused.</summary>
    public int WaitingHandOffsPerShopper { get; set; } = 3;

    /// <summary>
    /// Whether turns of different conversations commit together (<see cref="Chat.TurnBatches"/>), on both databases: one
    /// transaction, one lock statement and one multi-row insert for many turns instead of one each. Off, each turn has a
    /// unit of work of its own (on SQLite, a turn of its own at the node's write gate).
    /// </summary>
    public bool BatchTurns { get; set; } = true;

    /// <summary>
    /// On PostgreSQL, how many batch writers commit turns side by side (<see cref="Chat.TurnBatches"/>), each for its own
    /// conversations (by a hash of the id), so one conversation's turns keep their order. SQLite has one: its writes wait
    /// at the node's one write gate anyway.
    /// </summary>
    public int BatchWriters { get; set; } = 2;

    public LlmOptions Llm { get; set; } = new();

    /// <summary>How conversations' facts are kept between turns.</summary>
    public Dialogue.FactsOptions Facts { get; set; } = new();
}

/// <summary>An OpenAI-compatible endpoint for phrasing replies; unset, the assistant phrases them itself.</summary>
internal sealed class LlmOptions
{
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    public double TimeoutSeconds { get; set; } = 4;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);
}

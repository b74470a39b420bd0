namespace Ombud.Marketplace.Quality;

/// <summary>
/// The shopper's answer to "how did we do?" after an agent wrapped up their conversation: 1 to 5 stars and an optional
/// comment. One per conversation (its key), given by the conversation's own shopper.
/// </summary>
public sealed class CsatAnswer
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxComment = 1_000;

    private CsatAnswer()
    {
    }

    public CsatAnswer(Guid conversationId, Guid agentId, Guid customerId, int score, string? comment, DateTime answeredAt)
    {
        ConversationId = conversationId;
        AgentId = agentId;
        CustomerId = customerId;
        Score = score;
        Comment = comment;
        AnsweredAt = answeredAt;
    }

    public Guid ConversationId { get; private set; }

    /// <summary>The agent who wrapped the conversation up: the one rated.</summary>
    public Guid AgentId { get; private set; }

    public Guid CustomerId { get; private set; }

    public int Score { get; private set; }

    public string? Comment { get; private set; }

    public DateTime AnsweredAt { get; private set; }
}

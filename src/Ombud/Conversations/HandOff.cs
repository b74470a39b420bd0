using Ombud.Platform;

namespace Ombud.Conversations;

/// <summary>
/// A request to bring a person into a conversation, and everything that person needs to pick it up without asking
/// the shopper to start over: why, a summary, the intent, how the shopper's mood went, and a suggested resolution.
/// It waits in the queue (<see cref="HandOffQueue"/>) until an agent takes it.
/// </summary>
public sealed class HandOff
{
    private HandOff()
    {
    }

    public HandOff(Guid id, Guid conversationId, Guid customerId, HandOffReason reason, int priority, string summary, string? intent,
        string sentimentTrend, string suggestedResolution, string language, DateTime requestedAt)
    {
        Id = id;
        ConversationId = conversationId;
        CustomerId = customerId;
        Reason = reason;
        Priority = priority;
        Summary = summary;
        Intent = intent;
        SentimentTrend = sentimentTrend;
        SuggestedResolution = suggestedResolution;
        Language = language;
        RequestedAt = requestedAt;
        Status = HandOffStatus.Waiting;
    }

    public Guid Id { get; private set; }

    public Guid ConversationId { get; private set; }

    public Guid CustomerId { get; private set; }

    public HandOffReason Reason { get; private set; }

    /// <summary>Lower is sooner: 0 fraud and vulnerability, 1 anger and large amounts, 2 the rest.</summary>
    public int Priority { get; private set; }

    public string Summary { get; private set; } = "";

    /// <summary>What the shopper wanted, as the intent the assistant last understood (null when it never did).</summary>
    public string? Intent { get; private set; }

    /// <summary>The sentiment of the shopper's messages in order, with its direction, e.g. "0.2 → -0.4 → -0.8 (worsening)".</summary>
    public string SentimentTrend { get; private set; } = "";

    public string SuggestedResolution { get; private set; } = "";

    public string Language { get; private set; } = "en";

    public DateTime RequestedAt { get; private set; }

    public HandOffStatus Status { get; private set; }

    /// <summary>The agent's user id once one took the hand-off.</summary>
    public string? AgentId { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>Erasure or retention: the summary and suggestion quote the conversation.</summary>
    internal void RemoveText(string removed) => (Summary, SuggestedResolution) = (removed, removed);

    public Outcome<HandOff> Assign(string agentId)
    {
        if (Status != HandOffStatus.Waiting)
        {
            return new Conflict($"This hand-off is no longer waiting (it is {Status}).");
        }

        Status = HandOffStatus.WithAgent;
        AgentId = agentId;
        return this;
    }

    /// <summary>Done with: handed back to the assistant, or the conversation ended.</summary>
    public void Close(DateTime at)
    {
        if (Status == HandOffStatus.Closed)
        {
            return;
        }

        Status = HandOffStatus.Closed;
        ClosedAt = at;
    }
}

/// <summary>Why a conversation was handed to a person; the assistant's rules are in docs/assistant.md.</summary>
public enum HandOffReason
{
    /// <summary>The shopper asked for a person in words.</summary>
    Requested,

    /// <summary>The shopper pressed the always-visible button.</summary>
    Button,
    Frustration,
    NotUnderstood,
    Vulnerability,
    LargeAmount,
    FraudClaim,

    /// <summary>The shopper said they cannot pay (a lost job, debts) and nothing they may take alone fits, or they asked for a person about it.</summary>
    FinancialDifficulty,
}

public enum HandOffStatus
{
    Waiting,
    WithAgent,
    Closed,
}

namespace Ombud.Assistant.Conversations;

/// <summary>
/// One message of a conversation, in order. A shopper's message carries the client's own id, so a resend (a flaky
/// network, a reconnect) finds the stored answer instead of being answered twice. An assistant's reply carries why it
/// said what it said (<see cref="Why"/>): intent, confidence, the rule that decided, entities, data used, action taken.
/// </summary>
public sealed class ConversationMessage
{
    private ConversationMessage()
    {
    }

    public ConversationMessage(Guid conversationId, int sequence, MessageAuthor author, string text, DateTime at, string language,
        string? clientMessageId = null, double? sentiment = null, string? why = null)
    {
        ConversationId = conversationId;
        Sequence = sequence;
        Author = author;
        Text = text;
        At = at;
        Language = language;
        ClientMessageId = clientMessageId;
        Sentiment = sentiment;
        Why = why;
    }

    public Guid ConversationId { get; private set; }

    public int Sequence { get; private set; }

    public MessageAuthor Author { get; private set; }

    public string Text { get; private set; } = "";

    public DateTime At { get; private set; }

    /// <summary>The language detected in a shopper's message, or answered in by the assistant.</summary>
    public string Language { get; private set; } = "en";

    /// <summary>The sending client's id of a shopper's message, unique in the conversation; its reply is the next message.</summary>
    public string? ClientMessageId { get; private set; }

    /// <summary>A shopper's message: from -1 (furious) to +1 (pleased); the trend over messages feeds the hand-off rule.</summary>
    public double? Sentiment { get; private set; }

    /// <summary>An assistant's reply: the decision behind it as JSON (<see cref="Dialogue.DecisionRecord"/>).</summary>
    public string? Why { get; private set; }
}

public enum MessageAuthor
{
    Shopper,
    Assistant,
}

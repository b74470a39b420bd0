namespace Ombud.Conversations;

/// <summary>
/// One message of a conversation, in order, with who wrote it. A shopper's message carries the client's own id, so a
/// resend (a flaky network, a reconnect) finds the stored answer instead of being answered twice: the answer names
/// the message it answers (<see cref="ReplyToSequence"/>). An assistant's reply carries why it said what it said
/// (<see cref="Why"/>): intent, confidence, the rule that decided, entities, data used, action taken.
/// </summary>
public sealed class ConversationMessage
{
    private ConversationMessage()
    {
    }

    internal ConversationMessage(Guid conversationId, int sequence, MessageDraft draft, DateTime at)
    {
        ConversationId = conversationId;
        Sequence = sequence;
        Author = draft.Author;
        AuthorId = draft.AuthorId;
        AuthorName = draft.AuthorName;
        Text = draft.Text.Length > ConversationLimits.MaxStoredText ? draft.Text[..ConversationLimits.MaxStoredText] : draft.Text;
        At = at;
        Language = draft.Language;
        ClientMessageId = draft.ClientMessageId;
        ReplyToSequence = draft.ReplyToSequence;
        Sentiment = draft.Sentiment;
        Why = draft.Why;
    }

    public Guid ConversationId { get; private set; }

    public int Sequence { get; private set; }

    public MessageAuthor Author { get; private set; }

    /// <summary>Who of that kind: an agent's user id; null for the shopper (the conversation's customer) and the assistant.</summary>
    public string? AuthorId { get; private set; }

    /// <summary>How a person who wrote it is shown to the shopper: the agent's display name, never their account.</summary>
    public string? AuthorName { get; private set; }

    public string Text { get; private set; } = "";

    public DateTime At { get; private set; }

    /// <summary>The language detected in a shopper's message, or answered in.</summary>
    public string Language { get; private set; } = "en";

    /// <summary>The sending client's id of a shopper's message, unique in the conversation.</summary>
    public string? ClientMessageId { get; private set; }

    /// <summary>The message this one answers, e.g. the shopper's message an assistant's reply is to.</summary>
    public int? ReplyToSequence { get; private set; }

    /// <summary>A shopper's message: from -1 (furious) to +1 (pleased); the trend over messages feeds the hand-off rule.</summary>
    public double? Sentiment { get; private set; }

    /// <summary>An assistant's reply: the decision behind it, as JSON.</summary>
    public string? Why { get; private set; }

    /// <summary>Erasure or retention: the words go (they may say anything about the shopper); who wrote when stays.</summary>
    internal void RemoveText(string removed) => (Text, Why) = (removed, null);
}

/// <summary>Who wrote a message.</summary>
public enum MessageAuthor
{
    Shopper,
    Assistant,

    /// <summary>A person answering for the provider; the message names them in <see cref="ConversationMessage.AuthorId"/>.</summary>
    Agent,

    /// <summary>The product itself: "an agent joined", "the conversation was handed back".</summary>
    System,
}

/// <summary>A message about to be written; the conversation gives it its place (<see cref="Conversation.Write"/>).</summary>
public sealed record MessageDraft(
    MessageAuthor Author,
    string Text,
    string Language,
    string? AuthorId = null,
    string? ClientMessageId = null,
    int? ReplyToSequence = null,
    double? Sentiment = null,
    string? Why = null,
    string? AuthorName = null);

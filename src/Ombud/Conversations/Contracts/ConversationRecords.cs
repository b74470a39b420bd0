namespace Ombud.Conversations.Contracts;

/// <summary>A whole conversation as its readers (the assistant, an agent's console) see it.</summary>
public sealed record ConversationTranscript(
    Guid Id,
    Guid CustomerId,
    ConversationState State,
    string Language,
    DateTime StartedAt,
    DateTime? EndedAt,
    ConversationHolding Holding,
    IReadOnlyList<TranscriptMessage> Messages);

/// <summary>One message of a transcript.</summary>
public sealed record TranscriptMessage(
    int Sequence,
    MessageAuthor Author,
    string? AuthorId,
    string Text,
    DateTime At,
    string Language,
    string? ClientMessageId,
    int? ReplyToSequence,
    double? Sentiment,
    string? Why,
    string? AuthorName = null);

/// <summary>Who holds a conversation now, and its latest hand-off with where it stands in the queue (1 is next).</summary>
public sealed record ConversationHolding(ConversationHolder Holder, string? AgentId, HandOffRecord? HandOff);

public sealed record HandOffRecord(Guid Id, HandOffReason Reason, HandOffStatus Status, int Priority, int? QueuePosition, DateTime RequestedAt);

/// <summary>
/// What a person needs to take over without asking the shopper to start over. The one who hands off (the assistant)
/// writes it; <see cref="Priority"/> orders the queue, lower sooner.
/// </summary>
public sealed record HandOffBrief(
    HandOffReason Reason,
    int Priority,
    string Summary,
    string? Intent,
    string SentimentTrend,
    string SuggestedResolution,
    string Language);

/// <summary>A hand-off waiting for a person, as the staff queue shows it; <see cref="Position"/> 1 is next.</summary>
public sealed record WaitingHandOff(
    int Position,
    Guid HandOffId,
    Guid ConversationId,
    HandOffReason Reason,
    int Priority,
    string Language,
    string? Intent,
    string SentimentTrend,
    string Summary,
    string SuggestedResolution,
    DateTime RequestedAt,
    string CustomerName,
    Guid CustomerId);

using System.Text.Json;

namespace Ombud.Assistant.Chat;

/// <summary>The answer to one message, as the hub and the API return it.</summary>
/// <param name="Handoff">True when this turn handed the conversation to a person (or confirmed it is with one).</param>
/// <param name="Action">What the assistant did through the product's services, or null when it only answered.</param>
/// <param name="Limit">Set instead of an answer when a limit was hit: <c>rate</c> (too many messages a minute).</param>
/// <param name="Replayed">True when the client message id was seen before and this is the stored answer.</param>
internal sealed record TurnView(
    Guid ConversationId,
    string ClientMessageId,
    int Sequence,
    string Reply,
    string Intent,
    double Confidence,
    string Rule,
    bool Handoff,
    string? Action,
    string Language,
    int? QueuePosition,
    IReadOnlyList<string> Choices,
    string? Limit,
    bool Replayed);

/// <summary>A whole conversation: what a client reloads after a reconnect.</summary>
internal sealed record TranscriptView(
    Guid Id,
    string State,
    string Language,
    DateTime StartedAt,
    DateTime? EndedAt,
    HandOffView? HandOff,
    IReadOnlyList<MessageView> Messages);

/// <summary>One message; an assistant's carries its explanation (<c>why</c>), a person's their display name.</summary>
internal sealed record MessageView(int Sequence, string Author, string Text, DateTime At, string? ClientMessageId, JsonElement? Why, string? AuthorName = null);

internal sealed record HandOffView(Guid Id, string Reason, string Status, int? Position, DateTime RequestedAt);

/// <summary>The body of "start a conversation": a language to start in, else the customer's own.</summary>
internal sealed record StartConversationRequest(string? Language);

/// <summary>The body of "send a message". The client's id makes a resend safe; without one, each post is new.</summary>
internal sealed record PostMessageRequest(string? ClientMessageId, string? Text);

/// <summary>The body of "ask for a person" (the always-visible button).</summary>
internal sealed record RequestHumanRequest(string? ClientMessageId);

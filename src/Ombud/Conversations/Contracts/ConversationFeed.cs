using System.Text.Json;
using Ombud.Platform.Realtime;

namespace Ombud.Conversations.Contracts;

/// <summary>
/// Live news of one conversation for everyone reading it — the shopper's chat, an agent's console, on any node: a
/// message was stored, who holds it changed, someone is typing. News is announced only after what it tells of has
/// committed, and says what to re-read, never the text itself (<see cref="LiveChannel"/>).
/// </summary>
public sealed class ConversationFeed(LiveChannel channel)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Hears the conversation's news until the handle is disposed.</summary>
    public IDisposable Follow(Guid conversationId, Func<ConversationNews, Task> hear) =>
        channel.Subscribe(Topic(conversationId), notice => JsonSerializer.Deserialize<ConversationNews>(notice, Json) is { } news
            ? hear(news)
            : Task.CompletedTask);

    public Task AnnounceAsync(ConversationNews news) => channel.PublishAsync(Topic(news.ConversationId), JsonSerializer.Serialize(news, Json));

    /// <summary>Someone is writing a message: readers show it for a few seconds. Nothing is stored.</summary>
    public Task TypingAsync(Guid conversationId, MessageAuthor who) =>
        AnnounceAsync(new ConversationNews(conversationId, ConversationNewsKind.Typing, null, who));

    private static string Topic(Guid conversationId) => $"conversation:{conversationId}";
}

/// <summary>What happened in a conversation: a new message up to <see cref="Sequence"/>, a change of holder, someone typing.</summary>
public sealed record ConversationNews(Guid ConversationId, ConversationNewsKind Kind, int? Sequence, MessageAuthor? Who);

public enum ConversationNewsKind
{
    Message,
    Holder,
    Typing,
}

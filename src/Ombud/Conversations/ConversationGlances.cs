using Microsoft.Extensions.Caching.Memory;
using Ombud.Conversations.Contracts;

namespace Ombud.Conversations;

/// <summary>
/// What <see cref="ConversationService.GlanceAsync"/> would read of each live conversation, kept on this node from the
/// turn that wrote it: a conversation's next turn then starts without reading the database (two statements, the most
/// of a turn's reads).
/// </summary>
/// <remarks>
/// A glance is read without a lock and may be stale anyway: the writer compares its <see cref="ConversationGlance.Version"/>
/// with the conversation it holds and reads again when they differ. A kept glance only has to be what the database
/// held at that version, which every change of a message, of who holds the conversation, and erasure of its words
/// (<see cref="Conversation.RemoveText"/>) moves on, on whichever node it happened.
/// </remarks>
internal sealed class ConversationGlances : IDisposable
{
    /// <summary>
    /// What one node keeps, counted in characters of the messages' words plus <see cref="EntryCharacters"/> an entry
    /// (about 32 MB): a glance is usually a few short messages, but a shopper may write up to
    /// <see cref="ConversationLimits.MaxMessageLength"/> characters in each.
    /// </summary>
    private const long MaxCharacters = 16_000_000;

    /// <summary>An entry's own weight besides its words (ids, times, the record), in characters.</summary>
    private const int EntryCharacters = 256;

    /// <summary>A conversation idle this long is dropped; its next turn reads it again.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = MaxCharacters });

    /// <summary>The kept glance of the customer's conversation, when there is one for <paramref name="count"/> messages.</summary>
    public (ConversationGlance Glance, IReadOnlyList<TranscriptMessage> Latest)? Find(Guid conversationId, Guid customerId, int count) =>
        _kept.TryGetValue(conversationId, out Kept? kept) && kept!.CustomerId == customerId && kept.Count == count
            ? (kept.Glance, kept.Latest)
            : null;

    /// <summary>Keeps the glance a writer has just committed (the latest <paramref name="count"/> shopper messages, oldest first).</summary>
    public void Keep(Guid customerId, ConversationGlance glance, IReadOnlyList<TranscriptMessage> latest, int count) =>
        _kept.Set(glance.Id, new Kept(customerId, glance, latest, count), new MemoryCacheEntryOptions
        {
            Size = EntryCharacters + latest.Sum(m => m.Text.Length),
            SlidingExpiration = Idle,
        });

    public void Dispose() => _kept.Dispose();

    private sealed record Kept(Guid CustomerId, ConversationGlance Glance, IReadOnlyList<TranscriptMessage> Latest, int Count);
}

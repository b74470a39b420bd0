using Microsoft.EntityFrameworkCore;
using Ombud.Conversations.Contracts;
using Ombud.Platform;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Conversations;

/// <summary>
/// The use cases every writer of a conversation shares, whoever answers the shopper (the assistant, an agent): start
/// one, write a message, hand it to a person, take it, give it back, end it; and read a transcript and who holds it.
/// Each write runs in a <see cref="UnitOfWork"/>, so called from a larger use case (the assistant's turn) it joins
/// that one and commits with it. A hand-off and an ending publish their events in the same unit of work.
/// </summary>
internal sealed class ConversationService(OmbudDb db, UnitOfWork work, DomainEvents events, HandOffQueue queue, TimeProvider clock)
{
    private const string Subject = "The conversation";

    /// <summary>Starts a conversation for a customer, with its first message when <paramref name="opening"/> gives one.</summary>
    public Task<Outcome<Conversation>> StartAsync(Guid customerId, string language, Func<Conversation, MessageDraft>? opening, CancellationToken ct) =>
        work.RunAsync(_ =>
        {
            var now = Now;
            var conversation = new Conversation(Guid.CreateVersion7(now), customerId, language, now);
            db.Add(conversation);
            if (opening is not null && Write(conversation, opening(conversation)) is { Succeeded: false } refused)
            {
                return Task.FromResult<Outcome<Conversation>>(refused.Error!);
            }

            return Task.FromResult<Outcome<Conversation>>(conversation);
        }, ct, Subject);

    /// <summary>
    /// The conversation for a writer inside a unit of work, tracked and (on PostgreSQL) locked until it commits, so
    /// writers of one conversation take turns and each reads what the one before wrote. With a customer, only that
    /// customer's conversation is found.
    /// </summary>
    public async Task<Conversation?> ForWritingAsync(Guid conversationId, Guid? customerId, CancellationToken ct)
    {
        await db.LockForUpdateAsync<Conversation>(nameof(Conversation.Id), conversationId, ct);
        return await db.Set<Conversation>().SingleOrDefaultAsync(c => c.Id == conversationId && (customerId == null || c.CustomerId == customerId), ct);
    }

    /// <summary>Stages a message on a conversation a writer already holds (<see cref="ForWritingAsync"/>).</summary>
    public Outcome<ConversationMessage> Write(Conversation conversation, MessageDraft draft)
    {
        var written = conversation.Write(draft, Now);
        if (written.Succeeded)
        {
            db.Add(written.Value!);
        }

        return written;
    }

    public Task<Outcome<ConversationMessage>> AppendAsync(Guid conversationId, MessageDraft draft, CancellationToken ct) =>
        work.RunAsync<ConversationMessage>(async token => await ForWritingAsync(conversationId, null, token) is { } conversation
            ? Write(conversation, draft)
            : new NotFound("conversation", conversationId.ToString()), ct, Subject);

    /// <summary>Hands the conversation to the queue of people and publishes <see cref="ConversationHandedOff"/>.</summary>
    public Task<Outcome<HandOff>> HandOffAsync(Guid conversationId, HandOffBrief brief, CancellationToken ct) =>
        work.RunAsync<HandOff>(async token =>
        {
            if (await ForWritingAsync(conversationId, null, token) is not { } conversation)
            {
                return new NotFound("conversation", conversationId.ToString());
            }

            var now = Now;
            var handOff = new HandOff(Guid.CreateVersion7(now), conversation.Id, conversation.CustomerId, brief.Reason, brief.Priority,
                Cut(brief.Summary, 4000), brief.Intent, Cut(brief.SentimentTrend, 400), Cut(brief.SuggestedResolution, 1000), brief.Language, now);
            var handedOver = conversation.HandOver(handOff.Id);
            if (!handedOver.Succeeded)
            {
                return handedOver.Error!;
            }

            db.Add(handOff);
            events.Publish(ConversationHandedOff.Type, new ConversationHandedOff(conversation.Id, handOff.Id, conversation.CustomerId,
                handOff.Reason.ToString(), handOff.Priority, handOff.Language, now, handOff.Intent));
            return handOff;
        }, ct, Subject);

    /// <summary>An agent takes a waiting conversation: from now on they answer, and the assistant stays silent.</summary>
    public Task<Outcome<Conversation>> AssignAsync(Guid conversationId, string agentId, CancellationToken ct) =>
        work.RunAsync<Conversation>(async token =>
        {
            if (await ForWritingAsync(conversationId, null, token) is not { } conversation)
            {
                return new NotFound("conversation", conversationId.ToString());
            }

            var assigned = conversation.AssignTo(agentId);
            if (!assigned.Succeeded || await LatestHandOffAsync(conversation, token) is not { } handOff)
            {
                return assigned;
            }

            var taken = handOff.Assign(agentId);
            return taken.Succeeded ? assigned : taken.Error!;
        }, ct, Subject);

    /// <summary>
    /// <see cref="AssignAsync"/> and <see cref="HandBackAsync"/> for the modules above, which use Conversations through
    /// its records, never its entities: the outcome is who holds the conversation now.
    /// </summary>
    public async Task<Outcome<ConversationHolder>> AssignToAgentAsync(Guid conversationId, string agentId, CancellationToken ct) =>
        HolderOf(await AssignAsync(conversationId, agentId, ct));

    /// <inheritdoc cref="AssignToAgentAsync"/>
    public async Task<Outcome<ConversationHolder>> GiveBackAsync(Guid conversationId, CancellationToken ct) =>
        HolderOf(await HandBackAsync(conversationId, ct));

    private static Outcome<ConversationHolder> HolderOf(Outcome<Conversation> outcome) =>
        outcome.Succeeded ? outcome.Value!.Holder : outcome.Error!;

    /// <summary>The person (or the queue) gives the conversation back to the assistant; the hand-off is closed.</summary>
    public Task<Outcome<Conversation>> HandBackAsync(Guid conversationId, CancellationToken ct) =>
        work.RunAsync<Conversation>(async token =>
        {
            if (await ForWritingAsync(conversationId, null, token) is not { } conversation)
            {
                return new NotFound("conversation", conversationId.ToString());
            }

            var handedBack = conversation.HandBack();
            if (handedBack.Succeeded && await LatestHandOffAsync(conversation, token) is { } handOff)
            {
                handOff.Close(Now);
            }

            return handedBack;
        }, ct, Subject);

    /// <summary>Ends the conversation and publishes <see cref="ConversationClosed"/>; ending an ended one changes nothing.</summary>
    public Task<Outcome<Conversation>> CloseAsync(Guid conversationId, CancellationToken ct) =>
        work.RunAsync<Conversation>(async token =>
        {
            if (await ForWritingAsync(conversationId, null, token) is not { } conversation)
            {
                return new NotFound("conversation", conversationId.ToString());
            }

            var now = Now;
            var heldBy = conversation.Holder;
            if (conversation.End(now))
            {
                (await LatestHandOffAsync(conversation, token))?.Close(now);
                events.Publish(ConversationClosed.Type, new ConversationClosed(conversation.Id, conversation.CustomerId, heldBy, conversation.HandOffId, now));
            }

            return (Outcome<Conversation>)conversation;
        }, ct, Subject);

    /// <summary>The whole conversation; with a customer, only if it is theirs.</summary>
    public async Task<ConversationTranscript?> TranscriptAsync(Guid conversationId, Guid? customerId, CancellationToken ct)
    {
        var conversation = await db.Set<Conversation>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == conversationId && (customerId == null || c.CustomerId == customerId), ct);
        if (conversation is null)
        {
            return null;
        }

        var messages = await db.Set<ConversationMessage>().AsNoTracking().Where(m => m.ConversationId == conversationId)
            .OrderBy(m => m.Sequence).ToListAsync(ct);
        return new ConversationTranscript(conversation.Id, conversation.CustomerId, conversation.State, conversation.Language, conversation.StartedAt,
            conversation.EndedAt, await HoldingAsync(conversation, ct), [.. messages.Select(Record)]);
    }

    /// <summary>Who holds the conversation now, and where its hand-off stands in the queue.</summary>
    public async Task<ConversationHolding> HoldingAsync(Conversation conversation, CancellationToken ct)
    {
        HandOffRecord? record = null;
        if (conversation.HandOffId is { } id && await db.Set<HandOff>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct) is { } h)
        {
            record = new HandOffRecord(h.Id, h.Reason, h.Status, h.Priority, await queue.PositionAsync(h, ct), h.RequestedAt);
        }

        return new ConversationHolding(conversation.Holder, conversation.AgentId, record);
    }

    /// <summary>Where a waiting hand-off stands in the queue: 1 is next; null once a person has it.</summary>
    public Task<int?> QueuePositionAsync(HandOff handOff, CancellationToken ct) => queue.PositionAsync(handOff, ct);

    /// <summary>The customer's conversations, newest first, for a client that lost its conversation id.</summary>
    public async Task<IReadOnlyList<Guid>> RecentAsync(Guid customerId, int limit, CancellationToken ct) =>
        await db.Set<Conversation>().AsNoTracking().Where(c => c.CustomerId == customerId).OrderByDescending(c => c.StartedAt)
            .Select(c => c.Id).Take(limit).ToListAsync(ct);

    /// <summary>
    /// The message a client sent with <paramref name="clientMessageId"/> and the first reply that names it, so a resend
    /// finds the stored answer; null when the client's message was never stored.
    /// </summary>
    public async Task<(TranscriptMessage Asked, TranscriptMessage? Reply)?> ReplyToAsync(Guid conversationId, string clientMessageId, CancellationToken ct)
    {
        var asked = await db.Set<ConversationMessage>().AsNoTracking()
            .SingleOrDefaultAsync(m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId, ct);
        if (asked is null)
        {
            return null;
        }

        var reply = await db.Set<ConversationMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.ReplyToSequence == asked.Sequence).OrderBy(m => m.Sequence).FirstOrDefaultAsync(ct);
        return (Record(asked), reply is null ? null : Record(reply));
    }

    /// <summary>How many messages the customer sent in this conversation since <paramref name="since"/>: the flood limit's count.</summary>
    public Task<int> ShopperMessagesSinceAsync(Guid conversationId, DateTime since, CancellationToken ct) =>
        db.Set<ConversationMessage>().CountAsync(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Shopper && m.At > since, ct);

    /// <summary>The customer's latest messages, oldest first.</summary>
    public async Task<IReadOnlyList<TranscriptMessage>> LatestShopperMessagesAsync(Guid conversationId, int count, CancellationToken ct)
    {
        var latest = await db.Set<ConversationMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Shopper)
            .OrderByDescending(m => m.Sequence).Take(count).ToListAsync(ct);
        return [.. latest.AsEnumerable().Reverse().Select(Record)];
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<HandOff?> LatestHandOffAsync(Conversation conversation, CancellationToken ct) =>
        conversation.HandOffId is { } id ? await db.Set<HandOff>().SingleOrDefaultAsync(h => h.Id == id, ct) : null;

    private static TranscriptMessage Record(ConversationMessage m) =>
        new(m.Sequence, m.Author, m.AuthorId, m.Text, m.At, m.Language, m.ClientMessageId, m.ReplyToSequence, m.Sentiment, m.Why);

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}

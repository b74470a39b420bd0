using Microsoft.EntityFrameworkCore;
using Ombud.Conversations.Contracts;
using Ombud.Conversations.Storage;
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
internal sealed class ConversationService(OmbudDb db, UnitOfWork work, StagedRows rows, DomainEvents events, HandOffQueue queue, ConversationFeed feed,
    ConversationGlances glances, TimeProvider clock)
{
    private const string Subject = "The conversation";

    /// <summary>
    /// Starts a conversation for a customer, with its first message when <paramref name="opening"/> gives one (it gets
    /// the conversation's language). Answers the new conversation's id.
    /// </summary>
    public Task<Outcome<Guid>> StartAsync(Guid customerId, string language, Func<string, MessageDraft>? opening, CancellationToken ct) =>
        StartAsync(Guid.CreateVersion7(Now), customerId, language, opening, ct);

    /// <summary>
    /// Starts a conversation under an id the caller chose (<see cref="Guid.CreateVersion7()"/>) before it queued to write:
    /// a writer of many conversations (a batch of turns) keys the start by it as it keys turns by theirs.
    /// </summary>
    public Task<Outcome<Guid>> StartAsync(Guid conversationId, Guid customerId, string language, Func<string, MessageDraft>? opening, CancellationToken ct) =>
        work.RunAsync(_ =>
        {
            var now = Now;
            var conversation = new Conversation(conversationId, customerId, language, now);
            db.Add(conversation);
            // Through EF with its conversation: staged rows are written before EF's, when the conversation is not there yet.
            if (opening is not null && Write(conversation, opening(conversation.Language), Track) is { Succeeded: false } refused)
            {
                return Task.FromResult<Outcome<Guid>>(refused.Error!);
            }

            return Task.FromResult<Outcome<Guid>>(conversation.Id);
        }, ct, Subject);

    /// <summary>
    /// The conversation for a writer inside a unit of work, tracked and (on PostgreSQL) locked until it commits, so
    /// writers of one conversation take turns and each reads what the one before wrote. With a customer, only that
    /// customer's conversation is found.
    /// </summary>
    public async Task<OpenConversation?> OpenAsync(Guid conversationId, Guid? customerId, CancellationToken ct) =>
        await LockedAsync(conversationId, customerId, ct) is { } conversation ? new OpenConversation(conversation, this, inBatch: false) : null;

    /// <summary>
    /// Many conversations for a writer of them all in one unit of work (a batch of turns), each as <see cref="OpenAsync"/>
    /// would find it, in one statement rather than one each (on PostgreSQL, two each: the lock and the read); what the
    /// unit of work changes on them is written in one statement too (<see cref="ConversationRows"/>). Ids that match none
    /// are left out; whose each one is, the caller checks (<see cref="OpenConversation.CustomerId"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, OpenConversation>> OpenManyAsync(IReadOnlyCollection<Guid> conversationIds, CancellationToken ct)
    {
        var found = db.Database.IsNpgsql()
            ? await LockedAsync(conversationIds, ct)
            : await db.Set<Conversation>().Where(c => conversationIds.Contains(c.Id)).ToListAsync(ct);
        foreach (var conversation in found)
        {
            // The batch's changes to its conversations, a hand-off's included, go in one statement, not one each.
            rows.StageChanges(conversation);
        }

        return found.ToDictionary(c => c.Id, c => new OpenConversation(c, this, inBatch: true));
    }

    /// <summary>
    /// The customer's conversation as it stands now, with its latest <paramref name="count"/> shopper messages (oldest
    /// first), read without a lock or a transaction: for a writer to prepare what it can before it queues to write, and
    /// to see, once it holds the conversation, whether anything was written since.
    /// </summary>
    /// <remarks>
    /// Kept from the writer that last committed it on this node, when it said so (<see cref="KeepGlance"/>): then no
    /// statement at all. Else two statements, not one: EF Core turns the messages nested in the conversation's projection
    /// into a window over every shopper message in the table (ROW_NUMBER per conversation) joined back, so a turn's cost
    /// grew with all conversations ever held; the messages read on their own walk the conversation's index and stop at
    /// <paramref name="count"/>.
    /// </remarks>
    public async Task<(ConversationGlance Glance, IReadOnlyList<TranscriptMessage> Latest)?> GlanceAsync(Guid conversationId, Guid customerId, int count,
        CancellationToken ct)
    {
        if (glances.Find(conversationId, customerId, count) is { } kept)
        {
            return kept;
        }

        var glance = await db.Set<Conversation>().AsNoTracking().Where(c => c.Id == conversationId && c.CustomerId == customerId)
            .Select(c => new ConversationGlance(c.Id, c.State, c.Language, c.Version)).SingleOrDefaultAsync(ct);
        if (glance is null)
        {
            return null;
        }

        return (glance, await LatestShopperMessagesAsync(conversationId, count, ct));
    }

    /// <summary>
    /// Once the unit of work commits, keeps the conversation's glance for its next <see cref="GlanceAsync"/> on this node:
    /// the conversation as this unit of work leaves it, and the latest <paramref name="count"/> shopper messages, which
    /// are <paramref name="latest"/> (read at the version this writer held it) and then
    /// <paramref name="asked"/>, the one it wrote.
    /// </summary>
    public void KeepGlance(OpenConversation conversation, IReadOnlyList<TranscriptMessage> latest, TranscriptMessage asked, int count)
    {
        var entity = conversation.Entity;
        work.AfterCommit(() =>
        {
            glances.Keep(entity.CustomerId, new ConversationGlance(entity.Id, entity.State, entity.Language, entity.Version), [.. latest.Append(asked).TakeLast(count)],
                count);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Stages a message on a conversation a writer holds. Held for a batch (<see cref="OpenManyAsync"/>), as a row of the
    /// unit of work's multi-row insert (<see cref="MessageRows"/>): the assistant's turns, many to a batch; the
    /// conversation is stored already, so its messages may go in before the conversation's own change, as staged rows
    /// do. Held alone (<see cref="OpenAsync"/>), through EF: there the staged insert would be a round trip of its
    /// own before EF's, where EF sends the messages with the conversation's change in one.
    /// </summary>
    internal Outcome<TranscriptMessage> Write(OpenConversation conversation, MessageDraft draft) =>
        Write(conversation.Entity, draft, conversation.InBatch ? rows.Stage : Track);

    public Task<Outcome<TranscriptMessage>> AppendAsync(Guid conversationId, MessageDraft draft, CancellationToken ct) =>
        work.RunAsync<TranscriptMessage>(async token => await LockedAsync(conversationId, null, token) is { } conversation
            ? Write(conversation, draft, Track)
            : new NotFound("conversation", conversationId.ToString()), ct, Subject);

    /// <summary>
    /// Hands the conversation to the queue of people and publishes <see cref="ConversationHandedOff"/>; answers the
    /// hand-off with its place in the queue.
    /// </summary>
    public Task<Outcome<HandOffRecord>> HandOffAsync(Guid conversationId, HandOffBrief brief, CancellationToken ct) =>
        work.RunAsync<HandOffRecord>(async token =>
        {
            if (await LockedAsync(conversationId, null, token) is not { } conversation)
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
            Announce(conversation.Id, ConversationNewsKind.Holder, null, null);
            events.Publish(ConversationHandedOff.Type, new ConversationHandedOff(conversation.Id, handOff.Id, conversation.CustomerId,
                handOff.Reason.ToString(), handOff.Priority, handOff.Language, now, handOff.Intent));
            return await RecordAsync(handOff, token);
        }, ct, Subject);

    /// <summary>An agent takes a waiting conversation: from now on they answer, and the assistant stays silent.</summary>
    public Task<Outcome<ConversationStanding>> AssignAsync(Guid conversationId, string agentId, CancellationToken ct) =>
        work.RunAsync<ConversationStanding>(async token =>
        {
            if (await LockedAsync(conversationId, null, token) is not { } conversation)
            {
                return new NotFound("conversation", conversationId.ToString());
            }

            var assigned = conversation.AssignTo(agentId);
            if (!assigned.Succeeded)
            {
                return assigned.Error!;
            }

            if (await LatestHandOffAsync(conversation, token) is { } handOff && handOff.Assign(agentId) is { Succeeded: false } refused)
            {
                return refused.Error!;
            }

            Announce(conversation.Id, ConversationNewsKind.Holder, null, MessageAuthor.Agent);
            return Standing(conversation);
        }, ct, Subject);

    /// <summary>The person (or the queue) gives the conversation back to the assistant; the hand-off is closed.</summary>
    public Task<Outcome<ConversationStanding>> HandBackAsync(Guid conversationId, CancellationToken ct) =>
        work.RunAsync<ConversationStanding>(async token =>
        {
            if (await LockedAsync(conversationId, null, token) is not { } conversation)
            {
                return new NotFound("conversation", conversationId.ToString());
            }

            var handedBack = conversation.HandBack();
            if (!handedBack.Succeeded)
            {
                return handedBack.Error!;
            }

            (await LatestHandOffAsync(conversation, token))?.Close(Now);
            Announce(conversation.Id, ConversationNewsKind.Holder, null, MessageAuthor.Assistant);
            return Standing(conversation);
        }, ct, Subject);

    /// <summary>Ends the conversation and publishes <see cref="ConversationClosed"/>; ending an ended one changes nothing.</summary>
    public Task<Outcome<ConversationStanding>> CloseAsync(Guid conversationId, CancellationToken ct) =>
        work.RunAsync<ConversationStanding>(async token =>
        {
            if (await LockedAsync(conversationId, null, token) is not { } conversation)
            {
                return new NotFound("conversation", conversationId.ToString());
            }

            var now = Now;
            var heldBy = conversation.Holder;
            if (conversation.End(now))
            {
                (await LatestHandOffAsync(conversation, token))?.Close(now);
                Announce(conversation.Id, ConversationNewsKind.Holder, null, null);
                events.Publish(ConversationClosed.Type, new ConversationClosed(conversation.Id, conversation.CustomerId, heldBy, conversation.HandOffId, now));
            }

            return Standing(conversation);
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
    public Task<ConversationHolding> HoldingAsync(OpenConversation conversation, CancellationToken ct) => HoldingAsync(conversation.Entity, ct);

    private async Task<ConversationHolding> HoldingAsync(Conversation conversation, CancellationToken ct)
    {
        HandOffRecord? record = null;
        if (conversation.HandOffId is { } id && await db.Set<HandOff>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct) is { } h)
        {
            record = await RecordAsync(h, ct);
        }

        return new ConversationHolding(conversation.Holder, conversation.AgentId, record);
    }

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

    /// <summary>How many conversations the customer started since <paramref name="since"/>: the daily quota's count.</summary>
    public Task<int> StartedSinceAsync(Guid customerId, DateTime since, CancellationToken ct) =>
        db.Set<Conversation>().CountAsync(c => c.CustomerId == customerId && c.StartedAt > since, ct);

    /// <summary>The customer's open conversations waiting in the queue for a person, other than <paramref name="except"/>.</summary>
    public Task<int> WaitingForPersonAsync(Guid customerId, Guid except, CancellationToken ct) =>
        db.Set<Conversation>().CountAsync(c => c.CustomerId == customerId && c.Id != except && c.State == ConversationState.Open
                                                && c.Holder == ConversationHolder.Queue, ct);

    /// <summary>The customer's latest messages, oldest first.</summary>
    public async Task<IReadOnlyList<TranscriptMessage>> LatestShopperMessagesAsync(Guid conversationId, int count, CancellationToken ct)
    {
        var latest = await db.Set<ConversationMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Shopper)
            .OrderByDescending(m => m.Sequence).Take(count).ToListAsync(ct);
        return [.. latest.AsEnumerable().Reverse().Select(Record)];
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The conversation tracked and, on PostgreSQL, locked: read and locked in one statement (a hand-off, an accept and a
    /// wrap-up each open one, so a separate lock and read cost a cycle three statements more). Another customer's
    /// conversation is not found; its row stays locked until the unit of work ends, as it did when the lock came first.
    /// </summary>
    private async Task<Conversation?> LockedAsync(Guid conversationId, Guid? customerId, CancellationToken ct)
    {
        var conversation = db.Database.IsNpgsql()
            ? (await LockedAsync([conversationId], ct)).SingleOrDefault()
            : await db.Set<Conversation>().SingleOrDefaultAsync(c => c.Id == conversationId, ct);
        return conversation is not null && (customerId == null || conversation.CustomerId == customerId) ? conversation : null;
    }

    /// <summary>
    /// PostgreSQL: the rows read and locked in one statement, in the order of their ids (PostgreSQL locks a sorted
    /// result's rows in that order), so two writers of overlapping sets queue instead of deadlocking.
    /// </summary>
    private Task<List<Conversation>> LockedAsync(IReadOnlyCollection<Guid> conversationIds, CancellationToken ct)
    {
        var id = db.Column<Conversation>(nameof(Conversation.Id));
        // Names come from the model, never from input; the ids are a parameter.
#pragma warning disable EF1002
        return db.Set<Conversation>().FromSqlRaw($"SELECT * FROM {db.Table<Conversation>()} WHERE {id} = ANY({{0}}) ORDER BY {id} FOR UPDATE",
            [conversationIds.ToArray()]).ToListAsync(ct);
#pragma warning restore EF1002
    }

    /// <param name="store">How the message joins the unit of work: tracked by EF (<see cref="Track"/>) or staged as a row.</param>
    private Outcome<TranscriptMessage> Write(Conversation conversation, MessageDraft draft, Action<ConversationMessage> store)
    {
        var written = conversation.Write(draft, Now);
        if (!written.Succeeded)
        {
            return written.Error!;
        }

        store(written.Value!);
        Announce(conversation.Id, ConversationNewsKind.Message, written.Value!.Sequence, draft.Author);
        return Record(written.Value!);
    }

    private void Track(ConversationMessage message) => db.Add(message);

    /// <summary>Readers hear of the change once the unit of work it belongs to has committed.</summary>
    private void Announce(Guid conversationId, ConversationNewsKind kind, int? sequence, MessageAuthor? who) =>
        work.AfterCommit(() => feed.AnnounceAsync(new ConversationNews(conversationId, kind, sequence, who)));

    private async Task<HandOffRecord> RecordAsync(HandOff h, CancellationToken ct) =>
        new(h.Id, h.Reason, h.Status, h.Priority, await queue.PositionAsync(h, ct), h.RequestedAt);

    private static ConversationStanding Standing(Conversation c) => new(c.Id, c.State, c.Holder, c.AgentId);

    private async Task<HandOff?> LatestHandOffAsync(Conversation conversation, CancellationToken ct) =>
        conversation.HandOffId is { } id ? await db.Set<HandOff>().SingleOrDefaultAsync(h => h.Id == id, ct) : null;

    private static TranscriptMessage Record(ConversationMessage m) =>
        new(m.Sequence, m.Author, m.AuthorId, m.Text, m.At, m.Language, m.ClientMessageId, m.ReplyToSequence, m.Sentiment, m.Why, m.AuthorName);

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}

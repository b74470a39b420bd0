using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace.AgentConsole;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Storage;

/// <summary>
/// The reads of the hand-off cycle (hand-off, offer, accept, wrap-up, the desk each of them shows), compiled once per
/// EF model as <see cref="Commerce.Contracts.RiskHistory"/> does: EF Core then neither rebuilds nor hashes and compares
/// their expression trees on each call, which was a fifth of the node's CPU under the hand-off bench. A compiled
/// query serves only the model it was first run with (a process may hold SQLite's and PostgreSQL's, as the tests do),
/// hence one set per model. What they track and what they leave untracked is as the callers' own queries were.
/// </summary>
internal sealed class CycleReads
{
    private static readonly PerModel<CycleReads> ByModel = new(_ => new CycleReads());

    public static CycleReads For(OmbudDb db) => ByModel.For(db);

    /// <summary>
    /// An agent, tracked. One this unit of work tracks already (an answer read them by their account, an expiry to set
    /// them away) is taken as tracked without a statement: a read would hand back that same instance anyway, its values
    /// as this unit of work left them, since a tracking query does not overwrite what is tracked.
    /// </summary>
    public async Task<Agent?> AgentAsync(OmbudDb db, Guid id, CancellationToken ct) =>
        db.Set<Agent>().Local.FindEntry(id)?.Entity ?? await AgentById(db, id, ct);

    private Func<OmbudDb, Guid, CancellationToken, Task<Agent?>> AgentById { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid id, CancellationToken ct) =>
        db.Set<Agent>().SingleOrDefault(a => a.Id == id));

    /// <summary>
    /// The agent a person is, tracked, with the place <c>offerId</c> is for when the offer is theirs: who answers an offer
    /// and what they answer, in one statement.
    /// </summary>
    public Func<OmbudDb, string, Guid, CancellationToken, Task<Answerer?>> AnswererOf { get; } = EF.CompileAsyncQuery(
        (OmbudDb db, string userId, Guid offerId, CancellationToken ct) =>
            db.Set<Agent>().Where(a => a.UserId == userId)
                .Select(a => new Answerer(a, db.Set<Offer>().Where(o => o.Id == offerId && o.AgentId == a.Id).Select(o => (Guid?)o.QueueEntryId).FirstOrDefault()))
                .SingleOrDefault());

    public Func<OmbudDb, string, CancellationToken, Task<Guid?>> AgentIdOfUser { get; } = EF.CompileAsyncQuery((OmbudDb db, string userId, CancellationToken ct) =>
        db.Set<Agent>().Where(a => a.UserId == userId).Select(a => (Guid?)a.Id).SingleOrDefault());

    /// <summary>The agent a person is and their tier: what their session carries (<see cref="AgentSignInClaims"/>).</summary>
    public Func<OmbudDb, string, CancellationToken, Task<AgentOfAccount?>> AgentTierOfUser { get; } = EF.CompileAsyncQuery((OmbudDb db, string userId, CancellationToken ct) =>
        db.Set<Agent>().Where(a => a.UserId == userId).Select(a => new AgentOfAccount(a.Id, a.Tier)).SingleOrDefault());

    public Func<OmbudDb, Guid, CancellationToken, Task<ConsoleAgent?>> ConsoleAgent { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid id, CancellationToken ct) =>
        db.Set<Agent>().AsNoTracking().Where(a => a.Id == id).Select(a => new ConsoleAgent(a.Id, a.UserId, a.DisplayName)).SingleOrDefault());

    /// <summary>The online agents, tracked (dispatch changes their load).</summary>
    public Func<OmbudDb, IAsyncEnumerable<Agent>> Online { get; } = EF.CompileAsyncQuery((OmbudDb db) =>
        db.Set<Agent>().Where(a => a.Status == AgentStatus.Online));

    /// <summary>The online agents as stored, not tracked: what dispatch chooses from before its unit of work.</summary>
    public Func<OmbudDb, IAsyncEnumerable<Agent>> OnlineAsRead { get; } = EF.CompileAsyncQuery((OmbudDb db) =>
        db.Set<Agent>().AsNoTracking().Where(a => a.Status == AgentStatus.Online));

    /// <summary>Whether an online agent other than <c>except</c> has free capacity as stored.</summary>
    public Func<OmbudDb, Guid[], CancellationToken, Task<bool>> AnyoneElseFree { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid[] except, CancellationToken ct) =>
        db.Set<Agent>().Any(a => a.Status == AgentStatus.Online && a.ActiveConversations + a.PendingOffers < a.MaxConversations && !except.Contains(a.Id)));

    public Func<OmbudDb, Guid[], IAsyncEnumerable<AgentSkill>> CertifiedSkills { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid[] agentIds) =>
        db.Set<AgentSkill>().AsNoTracking().Where(s => agentIds.Contains(s.AgentId) && s.CertifiedAt != null));

    /// <summary>A place in the queue, tracked.</summary>
    public Func<OmbudDb, Guid, CancellationToken, Task<QueueEntry?>> Place { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid id, CancellationToken ct) =>
        db.Set<QueueEntry>().SingleOrDefault(e => e.Id == id));

    /// <summary>Whether a hand-off has its place already (its event may be delivered again).</summary>
    public Func<OmbudDb, Guid, CancellationToken, Task<bool>> HandOffQueued { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid handOffId, CancellationToken ct) =>
        db.Set<QueueEntry>().Any(e => e.HandOffId == handOffId));

    /// <summary>The shopper's place while it waits or is offered, tracked.</summary>
    public Func<OmbudDb, Guid, CancellationToken, Task<QueueEntry?>> QueuedPlaceOf { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid customerId, CancellationToken ct) =>
        db.Set<QueueEntry>().SingleOrDefault(e => e.CustomerId == customerId && (e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Offered)));

    /// <summary>A conversation's place while it waits, is offered or is held, tracked.</summary>
    public Func<OmbudDb, Guid, CancellationToken, Task<QueueEntry?>> OpenPlaceOf { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid conversationId, CancellationToken ct) =>
        db.Set<QueueEntry>().FirstOrDefault(e => e.ConversationId == conversationId
            && (e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Offered || e.Status == QueueEntryStatus.Assigned)));

    /// <summary>The place of an agent's conversation while they hold it, tracked.</summary>
    public Func<OmbudDb, Guid, Guid, CancellationToken, Task<QueueEntry?>> HeldPlace { get; } = EF.CompileAsyncQuery(
        (OmbudDb db, Guid conversationId, Guid agentId, CancellationToken ct) =>
            db.Set<QueueEntry>().SingleOrDefault(e => e.ConversationId == conversationId && e.AgentId == agentId && e.Status == QueueEntryStatus.Assigned));

    /// <summary>Whether the agent holds the conversation, and whose it is, not tracked.</summary>
    public Func<OmbudDb, Guid, Guid, CancellationToken, Task<HeldConversation?>> HeldConversation { get; } = EF.CompileAsyncQuery(
        (OmbudDb db, Guid conversationId, Guid agentId, CancellationToken ct) =>
            db.Set<QueueEntry>().AsNoTracking()
                .Where(e => e.ConversationId == conversationId && e.AgentId == agentId && e.Status == QueueEntryStatus.Assigned)
                .Select(e => new HeldConversation(e.CustomerId, e.Language)).FirstOrDefault());

    /// <summary>The head of the queue as plain rows, oldest first.</summary>
    public Func<OmbudDb, int, IAsyncEnumerable<WaitingPlace>> Waiting { get; } = EF.CompileAsyncQuery((OmbudDb db, int take) =>
        db.Set<QueueEntry>().AsNoTracking().Where(e => e.Status == QueueEntryStatus.Waiting).OrderBy(e => e.EnqueuedAt).Take(take)
            .Select(e => new WaitingPlace(e.Id, e.CustomerId, e.Skill, e.Language, e.Urgency, e.EnqueuedAt)));

    /// <summary>Those of the given places that still wait, tracked, in one statement.</summary>
    public Func<OmbudDb, Guid[], IAsyncEnumerable<QueueEntry>> WaitingAmong { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid[] ids) =>
        db.Set<QueueEntry>().Where(e => ids.Contains(e.Id) && e.Status == QueueEntryStatus.Waiting));

    /// <summary>An offer, tracked.</summary>
    public Func<OmbudDb, Guid, CancellationToken, Task<Offer?>> Offer { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid id, CancellationToken ct) =>
        db.Set<Offer>().SingleOrDefault(o => o.Id == id));

    /// <summary>An offer and its place, both tracked, in one statement.</summary>
    public Func<OmbudDb, Guid, CancellationToken, Task<OfferAndPlace?>> OfferWithPlace { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid offerId, CancellationToken ct) =>
        db.Set<Offer>().Where(o => o.Id == offerId)
            .Join(db.Set<QueueEntry>(), o => o.QueueEntryId, e => e.Id, (o, e) => new OfferAndPlace(o, e)).SingleOrDefault());

    /// <summary>
    /// An agent's desk in one statement, not tracked: the agent as stored, their pending offers with their places (soonest
    /// to expire first) and the conversations they hold (longest held first). Every change to an offer or a held
    /// conversation tells the agent's consoles to read this again, about three times an offer: one round trip each
    /// instead of three. The two lists join the agent's row side by side, so the rows come back as their product; with
    /// pending offers and held chats together at most the agent's capacity, that stays a handful. Each list is filtered
    /// by the agent's id as a parameter as well as joined on it: SQLite builds the joined lists before it joins them, and
    /// would otherwise build every agent's pending offers and held places for each desk.
    /// </summary>
    public Func<OmbudDb, Guid, CancellationToken, Task<DeskRows?>> Desk { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid agentId, CancellationToken ct) =>
        db.Set<Agent>().AsNoTracking().Where(a => a.Id == agentId).Select(a => new DeskRows(a,
            db.Set<Offer>().AsNoTracking().Where(o => o.AgentId == agentId && o.Status == OfferStatus.Pending && o.AgentId == a.Id)
                .Join(db.Set<QueueEntry>().AsNoTracking(), o => o.QueueEntryId, e => e.Id, (o, e) => new { Offer = o, Place = e })
                .OrderBy(p => p.Offer.ExpiresAt).Select(p => new OfferAndPlace(p.Offer, p.Place)).ToList(),
            db.Set<QueueEntry>().AsNoTracking().Where(e => e.AgentId == agentId && e.Status == QueueEntryStatus.Assigned && e.AgentId == a.Id)
                .OrderBy(e => e.AssignedAt).Select(e => new HeldChat(e.ConversationId, e.Skill, e.Reason, e.Language, e.AssignedAt!.Value)).ToList()))
            .SingleOrDefault());

    /// <summary>An agent's pending offers with their places, soonest to expire first.</summary>
    public Func<OmbudDb, Guid, IAsyncEnumerable<OfferAndPlace>> Pending { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid agentId) =>
        db.Set<Offer>().AsNoTracking().Where(o => o.AgentId == agentId && o.Status == OfferStatus.Pending)
            .Join(db.Set<QueueEntry>().AsNoTracking(), o => o.QueueEntryId, e => e.Id, (o, e) => new { Offer = o, Place = e })
            .OrderBy(p => p.Offer.ExpiresAt).Select(p => new OfferAndPlace(p.Offer, p.Place)));

    /// <summary>The agent's rejections and expiries answered after <c>since</c>, by place.</summary>
    public Func<OmbudDb, DateTime, Guid, IAsyncEnumerable<Guid>> DeclinedBy { get; } = EF.CompileAsyncQuery((OmbudDb db, DateTime since, Guid agentId) =>
        db.Set<Offer>().AsNoTracking()
            .Where(o => (o.Status == OfferStatus.Rejected || o.Status == OfferStatus.Expired) && o.AnsweredAt > since && o.AgentId == agentId)
            .Select(o => o.QueueEntryId));

    /// <summary>The rejections and expiries of these places answered after <c>since</c>: each place with the agent who declined it.</summary>
    public Func<OmbudDb, DateTime, Guid[], IAsyncEnumerable<PlaceDeclined>> DeclinesOf { get; } = EF.CompileAsyncQuery(
        (OmbudDb db, DateTime since, Guid[] placeIds) =>
            db.Set<Offer>().AsNoTracking()
                .Where(o => (o.Status == OfferStatus.Rejected || o.Status == OfferStatus.Expired) && o.AnsweredAt > since && placeIds.Contains(o.QueueEntryId))
                .Select(o => new PlaceDeclined(o.QueueEntryId, o.AgentId)));
}

/// <summary>The agent answering an offer, and the place the offer is for when it is theirs.</summary>
internal sealed record Answerer(Agent Agent, Guid? PlaceId);

/// <summary>The agent an account works as, and their tier.</summary>
internal sealed record AgentOfAccount(Guid Id, AgentTier Tier);

/// <summary>A held conversation as the desk checks it: whose it is and in which language.</summary>
internal sealed record HeldConversation(Guid CustomerId, string Language);

/// <summary>A waiting place as dispatch reads the head of the queue.</summary>
internal sealed record WaitingPlace(Guid Id, Guid CustomerId, Skill Skill, string Language, HandOffUrgency Urgency, DateTime EnqueuedAt);

internal sealed record OfferAndPlace(Offer Offer, QueueEntry Place);

/// <summary>An agent's desk as stored: the agent, their pending offers with their places, the conversations they hold.</summary>
internal sealed record DeskRows(Agent Agent, List<OfferAndPlace> Pending, List<HeldChat> Chats);

/// <summary>A recent rejection or expiry: the place, and the agent who declined it.</summary>
internal sealed record PlaceDeclined(Guid QueueEntryId, Guid AgentId);

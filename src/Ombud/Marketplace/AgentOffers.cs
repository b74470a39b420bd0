using Microsoft.EntityFrameworkCore;
using Ombud.Conversations;
using Ombud.Marketplace.AgentConsole;
using Ombud.Marketplace.Dispatch;
using Ombud.Marketplace.Storage;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Marketplace;

/// <summary>
/// An agent's side of offers: the ones waiting for their answer, accepting one (the conversation becomes theirs
/// through Conversations' own assignment) and rejecting one (it goes to the next candidate). Someone else's offer is
/// not found; an offer that expired, was answered or withdrawn is a conflict. Answering again the same way gives the
/// same answer, so a retried request is harmless.
/// </summary>
/// <remarks>
/// An answer is known as arrived (<see cref="AnswersInFlight"/>) from the moment it reaches the node, so an offer that
/// expires while the answer waits for the database does not set the agent away.
/// </remarks>
internal sealed class AgentOffers(OmbudDb db, UnitOfWork work, Dispatcher dispatcher, ConversationService conversations, TimerSchedule timers,
    AgentNews news, AnswersInFlight answers, AuditLog audit, TimeProvider clock)
{
    private const string Subject = "The offer";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<IReadOnlyList<OfferView>>> PendingAsync(string userId, CancellationToken ct)
    {
        if (await AgentIdAsync(userId, ct) is not { } agentId)
        {
            return NotAnAgent;
        }

        return (await PendingOfAsync(agentId, ct)).ToList();
    }

    /// <summary>The agent's offers waiting for their answer, soonest to expire first, each with its place (one read).</summary>
    public async Task<IReadOnlyList<OfferView>> PendingOfAsync(Guid agentId, CancellationToken ct) =>
        Showing(await Reads.Pending(db, agentId).ToListAsync(ct), Now);

    /// <summary>Pending offers as their agent sees them <paramref name="now"/>: one whose countdown ran out is gone for the agent even before its timer fired.</summary>
    public static IReadOnlyList<OfferView> Showing(IEnumerable<OfferAndPlace> pending, DateTime now) =>
        [.. pending.Where(p => p.Offer.ExpiresAt > now).Select(p => OfferView.Of(p.Offer, p.Place, now))];

    /// <summary>
    /// Takes the offer's conversation. Accepting locks the place, then Conversations locks the conversation to assign
    /// it, while a shopper's turn or a wrap-up may take them the other way round (and a rejection locks the next
    /// candidates): PostgreSQL then rolls one back, which the unit of work answers as a retryable conflict.
    /// </summary>
    public async Task<Outcome<OfferView>> AcceptAsync(string userId, Guid offerId, CancellationToken ct)
    {
        using var arrived = answers.Arrive(offerId, userId);
        var accepted = await work.RunAsync<OfferView>(async token =>
        {
            if (await AnsweringAsync(userId, offerId, token) is not ({ } agent, { } offer, { } entry))
            {
                return new NotFound("offer", offerId.ToString());
            }

            var now = Now;
            if (offer.Status == OfferStatus.Accepted)
            {
                return OfferView.Of(offer, entry, now);
            }

            if (agent.Status == AgentStatus.Offline)
            {
                return new OfflineRefusal();
            }

            if (offer.Accept(now) is { Succeeded: false } refused)
            {
                return refused.Error!;
            }

            if (entry.Assign(offer.Id, agent.Id, now) is { Succeeded: false } taken)
            {
                return taken.Error!;
            }

            var assigned = await conversations.AssignAsync(entry.ConversationId, agent.UserId, token);
            if (!assigned.Succeeded)
            {
                return new ConversationGone(entry.Id, $"The conversation can no longer be taken: {assigned.Error!.Detail}");
            }

            agent.OfferSettled(accepted: true);
            news.AfterCommit(work, agent.Id);
            await timers.CancelAsync(Dispatcher.OfferExpiryKind, offer.Id.ToString(), token);
            audit.Record(Actor(userId), "marketplace.offer-accepted", $"offer:{offer.Id}", $"conversation {entry.ConversationId}");
            return OfferView.Of(offer, entry, now);
        }, ct, Subject);

        if (accepted.Error is NotFound or OfflineRefusal)
        {
            // Someone else's offer, a made-up one, or an agent who is offline: refused, and on the record.
            await audit.RecordAloneAsync(Actor(userId), "marketplace.offer-accept-refused", $"offer:{offerId}", accepted.Error.Detail, ct);
        }

        if (accepted.Error is ConversationGone gone)
        {
            // The refusal saved nothing; the place leaves the queue in a unit of work of its own, so the next
            // candidate is not offered a conversation nobody can take.
            await work.RunAsync(token => WithdrawAsync(gone.EntryId, token), ct, Subject);
        }

        return accepted;
    }

    public async Task<Outcome<OfferView>> RejectAsync(string userId, Guid offerId, CancellationToken ct)
    {
        using var arrived = answers.Arrive(offerId, userId);
        return await work.RunAsync<OfferView>(async token =>
        {
            if (await AnsweringAsync(userId, offerId, token) is not ({ } agent, { } offer, { } entry))
            {
                return new NotFound("offer", offerId.ToString());
            }

            var now = Now;
            if (offer.Status == OfferStatus.Rejected)
            {
                return OfferView.Of(offer, entry, now);
            }

            if (offer.Reject(now) is { Succeeded: false } refused)
            {
                return refused.Error!;
            }

            await dispatcher.SettleAndMoveOnAsync(offer, token);
            audit.Record(Actor(userId), "marketplace.offer-rejected", $"offer:{offer.Id}", $"agent {agent.Id}");
            return OfferView.Of(offer, entry, now);
        }, ct, Subject);
    }

    private static Forbidden NotAnAgent => new("You are not registered as an agent.");

    private static string Actor(string userId) => $"user:{userId}";

    private CycleReads Reads => CycleReads.For(db);

    private Task<Guid?> AgentIdAsync(string userId, CancellationToken ct) => Reads.AgentIdOfUser(db, userId, ct);

    /// <summary>The caller's agent, their offer and its place, tracked; nulls when the offer is not theirs.</summary>
    private async Task<(Agent?, Offer?, QueueEntry?)> AnsweringAsync(string userId, Guid offerId, CancellationToken ct)
    {
        var answerer = await Reads.AnswererOf(db, userId, offerId, ct);
        if (answerer?.PlaceId is not { } place)
        {
            return (answerer?.Agent, null, null);
        }

        // Answers to the offers of one place queue behind each other on PostgreSQL, and each reads the offer as the one
        // before left it: a double click on two nodes gets the same answer twice, not a conflict.
        await db.LockForUpdateAsync<QueueEntry>(nameof(QueueEntry.Id), place, ct);
        var answered = await Reads.OfferWithPlace(db, offerId, ct);
        return (answerer.Agent, answered?.Offer, answered?.Place);
    }

    private async Task WithdrawAsync(Guid entryId, CancellationToken ct)
    {
        var entry = await Reads.Place(db, entryId, ct);
        if (entry?.OfferId is not { } offerId || await Reads.Offer(db, offerId, ct) is not { } offer)
        {
            return;
        }

        var now = Now;
        if (offer.Withdraw(now) && await Reads.AgentAsync(db, offer.AgentId, ct) is { } agent)
        {
            agent.OfferSettled(accepted: false);
            news.AfterCommit(work, agent.Id);
        }

        await timers.CancelAsync(Dispatcher.OfferExpiryKind, offer.Id.ToString(), ct);
        entry.Withdraw(now);
    }

    private sealed record OfflineRefusal() : Conflict("You are offline: go online to accept offers.");

    /// <summary>The conversation left the queue (it ended, or went back to the assistant) while the offer was out.</summary>
    private sealed record ConversationGone(Guid EntryId, string Message) : Conflict(Message);
}

/// <summary>
/// An offer as its agent sees it: what the hand-off needs and how long they have to answer. No customer data: that
/// comes with the conversation, once accepted (<see cref="ConversationId"/> is set then).
/// </summary>
public sealed record OfferView(Guid Id, OfferStatus Status, Guid HandOffId, Guid? ConversationId, Skill Skill, string Language, string Reason,
    HandOffUrgency Urgency, DateTime WaitingSince, DateTime OfferedAt, DateTime ExpiresAt, int SecondsLeft, int SurgePerMille = Surge.SurgeMultipliers.None)
{
    public static OfferView Of(Offer offer, QueueEntry entry, DateTime now) =>
        new(offer.Id, offer.Status, entry.HandOffId, offer.Status == OfferStatus.Accepted ? entry.ConversationId : null, entry.Skill, entry.Language,
            entry.Reason, entry.Urgency, entry.EnqueuedAt, offer.OfferedAt, offer.ExpiresAt,
            offer.Status == OfferStatus.Pending ? (int)Math.Max(0, Math.Ceiling((offer.ExpiresAt - now).TotalSeconds)) : 0, offer.SurgePerMille);
}

using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace.AgentConsole;
using Ombud.Marketplace.Storage;
using Ombud.Marketplace.Surge;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Marketplace.Dispatch;

/// <summary>
/// Dispatch over the database: reads the queue and the online agents as <see cref="DispatchRules"/> sees them, stages
/// the offer it decides on with its countdown timer, or a review of the hand-off when nobody fitting is free. It only
/// stages, inside its caller's unit of work (an event, a timer, an agent's answer). Races between nodes are settled
/// by the database: the place and the agent carry version checks, and a place has at most one pending offer.
/// </summary>
internal sealed class Dispatcher(OmbudDb db, UnitOfWork work, TimerSchedule timers, DispatchRules rules, AgentNews news, Agents.AgentConflicts conflicts,
    TimeProvider clock, SurgeBoard surge, PassShared pass)
{
    public const string OfferExpiryKind = "marketplace.offer-expiry";
    public const string QueueReviewKind = "marketplace.queue-review";

    /// <summary>How many waiting hand-offs an agent who freed up is matched against, most urgent kinds and oldest first.</summary>
    private const int WaitingLookAhead = 500;

    /// <summary>
    /// How many waiting hand-offs the unit of work of a wrap-up looks at when every place chosen before it was taken
    /// meanwhile: the look-ahead over the whole head is the choice's job, outside the unit (on SQLite, outside the writer).
    /// </summary>
    private const int WaitingLookAheadInside = 40;

    /// <summary>
    /// How many places beyond the agent's capacity a choice ahead of a wrap-up holds, for those taken meanwhile. Agents
    /// freed at the same moment choose from the same head of the queue; a place taken in between then costs a row left
    /// out of one read inside the unit of work, not a new look over the queue there.
    /// </summary>
    private const int ChosenSpare = 14;

    /// <summary>
    /// The places this dispatcher set a review for. Kept past a rollback: that only costs a delete that finds nothing.
    /// </summary>
    private readonly HashSet<Guid> _reviewed = [];

    private (object? Transaction, HashSet<object> Rows) _claimed = (null, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Chooses whom to offer a waiting place to, before the unit of work that offers it (<see cref="OfferNextAsync"/>):
    /// the fitting agents with free capacity, best first, from reads that hold no transaction and, on SQLite, not the
    /// node's write gate. The unit of work then reads again only the place and the chosen agents' rows.
    /// </summary>
    public async Task<DispatchChoice> ChooseAsync(DispatchRequest place, CancellationToken ct)
    {
        if (work.IsOpen)
        {
            // Inside a unit of work the reads below would miss what it staged: there, OfferNextAsync chooses itself.
            throw new InvalidOperationException("Dispatch chooses ahead of its unit of work, not inside one.");
        }

        var agents = await Reads.OnlineAsRead(db).ToListAsync(ct);
        List<Agent> free = [.. agents.Where(a => a.FreeCapacity > 0)];
        if (free.Count == 0)
        {
            return new DispatchChoice([], null);
        }

        // A new place has no declines to read (its id is not made yet).
        var request = place.Id == Guid.Empty ? place : (await RequestsAsync([place], ct))[0];
        // The busy agents count only for the stage (who fits, free or busy). When a free agent fits at the stage the
        // place's wait reached, that is the stage whoever else is online, and the candidates are those free agents: then
        // the busy agents' skills and conflicts are not read. Under load most agents are busy at any moment.
        // Otherwise the busy agents are read too (the free ones' views are kept, not read again).
        var views = await ViewsOfAsync(free, request, ct);
        List<Agent> busy = [.. agents.Where(a => a.FreeCapacity <= 0)];
        if (busy.Count > 0 && rules.Stage(request, views) != rules.StageByTime(request))
        {
            views = [.. views, .. await ViewsOfAsync(busy, request, ct)];
        }

        List<Guid> chosen = [.. rules.Candidates(request, views).Select(c => c.Id)];
        return new DispatchChoice(chosen, chosen.Count > 0 ? await surge.MultiplierNowAsync(ct) : null);
    }

    private async Task<List<DispatchAgent>> ViewsOfAsync(List<Agent> agents, DispatchRequest request, CancellationToken ct) =>
        [.. (await ViewsAsync(agents, [request.CustomerId], ct)).Values.Select(o => o.View)];

    /// <summary>Offers a waiting place to its best candidate; with nobody fitting free, sets its next review. Null when not offered.</summary>
    /// <param name="chosen">
    /// Whom <see cref="ChooseAsync"/> chose before this unit of work, for this place: they are tried in order, each read
    /// again (and on PostgreSQL locked) first. When all of them filled up or went away since, or nobody fitting was free
    /// but somebody is now, the place is chosen for again here, as without a choice.
    /// </param>
    public async Task<Offer?> OfferNextAsync(QueueEntry entry, CancellationToken ct, DispatchChoice? chosen = null)
    {
        work.EnsureOpen("Dispatching a hand-off");
        if (entry.Status != QueueEntryStatus.Waiting)
        {
            return null;
        }

        // Another dispatcher holding the place is offering it right now (read again under the lock, it may be offered already).
        if (!await ClaimAsync(entry, entry.Id, ct) || entry.Status != QueueEntryStatus.Waiting)
        {
            return null;
        }

        foreach (var agentId in chosen?.Candidates ?? [])
        {
            if (await Reads.AgentAsync(db, agentId, ct) is { } agent && await OfferAsync(entry, agent, ct, chosen?.Surge) is { } offer)
            {
                return offer;
            }
        }

        if (!await AnyoneFreeAsync(ct))
        {
            // Every candidate needs free capacity: with nobody online free, the place waits for its review (or for an agent
            // who frees up) without reading skills, conflicts and declines. Under a backlog that is every arrival and review.
            await ScheduleReviewAsync(entry, rules.NextReview(Request(entry, new HashSet<Guid>())), ct);
            return null;
        }

        // Whether an agent is linked to a customer is asked of this place's customer only; every online agent's view
        // carries the answer, so the stage (who fits at all) and the candidates see the conflicts as before.
        var online = await OnlineAsync([entry.CustomerId], ct);
        var request = (await RequestsAsync([entry], ct))[0];
        foreach (var candidate in rules.Candidates(request, [.. online.Values.Select(o => o.View)]))
        {
            if (await OfferAsync(entry, online[candidate.Id].Agent, ct) is { } offer)
            {
                return offer;
            }
        }

        await ScheduleReviewAsync(entry, rules.NextReview(request), ct);
        return null;
    }

    private async Task ScheduleReviewAsync(QueueEntry entry, DateTime at, CancellationToken ct)
    {
        _reviewed.Add(entry.Id);
        await timers.ScheduleAsync(QueueReviewKind, entry.Id.ToString(), at, ct);
    }

    /// <summary>
    /// Cancels the place's review now that it is offered. A place added in this unit of work (a hand-off offered as it
    /// arrives, most offers when the queue is short) has no review stored unless this dispatcher set one: its id is new,
    /// so the delete would find nothing, and is not sent.
    /// </summary>
    private async Task CancelReviewAsync(QueueEntry entry, CancellationToken ct)
    {
        if (db.Entry(entry).State != EntityState.Added || _reviewed.Contains(entry.Id))
        {
            await timers.CancelAsync(QueueReviewKind, entry.Id.ToString(), ct);
        }
    }

    /// <summary>
    /// Chooses, before the unit of work that frees <paramref name="freed"/> of an agent's capacity (a wrap-up), the
    /// waiting places to offer them then, most urgent first: from reads that hold no transaction and, on SQLite, not the
    /// node's write gate. A couple more than their capacity are chosen, so a place taken in between costs no second choice.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ChooseForAgentAsync(Guid agentId, int freed, CancellationToken ct)
    {
        if (work.IsOpen)
        {
            // Inside a unit of work the reads below would miss what it staged: there, OfferToAgentAsync chooses itself.
            throw new InvalidOperationException("Dispatch chooses ahead of its unit of work, not inside one.");
        }

        if (await db.Set<Agent>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == agentId, ct) is not { Status: AgentStatus.Online } agent
            || agent.FreeCapacity + freed <= 0)
        {
            return [];
        }

        var (mine, requests, online) = await ForAgentAsync(agent, tracked: false, ct);
        return [.. InOrderFor(mine, requests, online).Take(agent.FreeCapacity + freed + ChosenSpare)];
    }

    /// <summary>
    /// An agent freed up or came online: offers them the most urgent waiting hand-offs they fit, as many as their free
    /// capacity takes. Returns how many offers went out.
    /// </summary>
    /// <remarks>
    /// This runs in every wrap-up, so it reads what one agent needs: the head of the queue as plain rows (not tracked:
    /// only the place offered is), the agent's own skills, conflicts and recent declines. Who else is online, and who
    /// else declined a place, matter only for a place the agent does not fit at the stage its wait reached (then the
    /// stage may widen because nobody online fits); only then are they read, and only for those places.
    /// </remarks>
    /// <param name="chosen">
    /// The places <see cref="ChooseForAgentAsync"/> chose before this unit of work, tried in order: those still waiting
    /// are read again in one statement (and on PostgreSQL each locked) first. Capacity left over after them (places taken
    /// in between, or fewer chosen than the agent takes: a place that arrived since may be missing) is offered from the
    /// head of the queue read here, <see cref="WaitingLookAheadInside"/> places, and from the whole look-ahead only when
    /// that head was full and left the agent room.
    /// </param>
    public async Task<int> OfferToAgentAsync(Guid agentId, CancellationToken ct, IReadOnlyList<Guid>? chosen = null)
    {
        work.EnsureOpen("Dispatching to an agent");
        // As this unit of work sees them: a wrap-up or a rejection a moment ago freed them in the tracked instance.
        if (await db.Set<Agent>().FindAsync([agentId], ct) is not { Status: AgentStatus.Online } agent || agent.FreeCapacity <= 0)
        {
            return 0;
        }

        var offered = chosen is { Count: > 0 } ? await OfferChosenAsync(agent, chosen, ct) : 0;
        if (agent.FreeCapacity <= 0)
        {
            return offered;
        }

        // After a choice, the head of the queue is enough here; only when the agent still has room after a full head is
        // the rest of the look-ahead read, so a fitting place further back is still offered now.
        int[] lookAheads = chosen is null ? [WaitingLookAhead] : [WaitingLookAheadInside, WaitingLookAhead];
        foreach (var lookAhead in lookAheads)
        {
            var (mine, requests, online) = await ForAgentAsync(agent, tracked: true, ct, lookAhead);
            var read = requests.Count;
            foreach (var placeId in chosen ?? [])
            {
                // Tried already: offered, or taken by someone else.
                requests.Remove(placeId);
            }

            offered += await OfferPlacesAsync(agent, InOrderFor(mine, requests, online), ct);
            if (agent.FreeCapacity <= 0 || read < lookAhead)
            {
                break;
            }
        }

        return offered;
    }

    /// <summary>
    /// Offers the agent the places chosen before this unit of work, in their order, while they have free capacity: those
    /// no longer waiting are left out in the one read that takes the rest.
    /// </summary>
    private async Task<int> OfferChosenAsync(Agent agent, IReadOnlyList<Guid> chosen, CancellationToken ct)
    {
        var waiting = (await Reads.WaitingAmong(db, [.. chosen]).ToListAsync(ct)).Select(e => e.Id).ToHashSet();
        return await OfferPlacesAsync(agent, chosen.Where(waiting.Contains), ct);
    }

    /// <summary>Offers the agent these places in turn while they have free capacity; returns how many offers went out.</summary>
    private async Task<int> OfferPlacesAsync(Agent agent, IEnumerable<Guid> placeIds, CancellationToken ct)
    {
        var offered = 0;
        foreach (var placeId in placeIds)
        {
            if (agent.FreeCapacity <= 0)
            {
                break;
            }

            if (await db.Set<QueueEntry>().FindAsync([placeId], ct) is { } entry && await OfferAsync(entry, agent, ct) is not null)
            {
                offered++;
            }
        }

        return offered;
    }

    /// <summary>
    /// What dispatch to one agent reads: the agent as dispatch sees them, the head of the queue with the agent's declines
    /// (and everyone's, for places the agent does not fit by time), and who else is online when that matters.
    /// </summary>
    /// <param name="tracked">Whether the other online agents are read tracked (inside a unit of work, as it sees them) or as stored.</param>
    /// <param name="lookAhead">How many of the longest-waiting places are read.</param>
    private async Task<(DispatchAgent Mine, Dictionary<Guid, DispatchRequest> Requests, IReadOnlyCollection<DispatchAgent> Online)> ForAgentAsync(
        Agent agent, bool tracked, CancellationToken ct, int lookAhead = WaitingLookAhead)
    {
        var requests = (await WaitingAsync(agent.Id, lookAhead, ct)).ToDictionary(r => r.Id);
        var mine = (await ViewsAsync([agent], Customers(requests.Values), ct))[agent.Id].View;
        var misfits = requests.Values.Where(r => !rules.FitsByTime(r, mine)).Select(r => r.Id).ToList();
        IReadOnlyCollection<DispatchAgent> online = [mine];
        if (misfits.Count > 0)
        {
            // Whether such a place widens to this agent depends on everyone online and everyone who declined it.
            var everyone = await OnlineAsync(Customers(misfits.Select(id => requests[id])), ct, tracked);
            online = [.. everyone.Values.Where(o => o.Id != agent.Id).Select(o => o.View), mine];
            foreach (var request in await RequestsAsync(misfits.Select(id => requests[id]).ToList(), ct))
            {
                requests[request.Id] = request;
            }
        }

        return (mine, requests, online);
    }

    /// <summary>
    /// The places the agent would take one after another, most urgent first, as <see cref="DispatchRules.NextFor"/> picks
    /// them. The agent's capacity only decides whether they take one at
    /// all, which the caller counts: the stage a place reached looks at who fits, free or busy.
    /// </summary>
    private IEnumerable<Guid> InOrderFor(DispatchAgent agent, Dictionary<Guid, DispatchRequest> requests, IReadOnlyCollection<DispatchAgent> online)
    {
        var taking = agent with { FreeCapacity = Math.Max(1, agent.FreeCapacity) };
        return rules.InOrderFor(taking, requests.Values, [.. online.Where(o => o.Id != agent.Id), taking]).Select(r => r.Id);
    }

    /// <summary>Ends a pending offer that the agent rejected or let expire, and sends the place on to the next candidate.</summary>
    public async Task SettleAndMoveOnAsync(Offer offer, CancellationToken ct)
    {
        work.EnsureOpen("Moving a hand-off on");
        if (await Reads.AgentAsync(db, offer.AgentId, ct) is { } agent)
        {
            agent.OfferSettled(accepted: false);
        }

        await timers.CancelAsync(OfferExpiryKind, offer.Id.ToString(), ct);
        news.AfterCommit(work, offer.AgentId);
        if (await Reads.Place(db, offer.QueueEntryId, ct) is { } entry)
        {
            entry.OfferEnded(offer.Id);
            await OfferNextAsync(entry, ct);
        }
    }

    /// <summary>
    /// Offers the place to the agent, unless another dispatcher (the other node, another batch of this one) holds the
    /// agent's or the place's row right now: waiting for it would keep this transaction's own locks as long, and lose
    /// the version check after; the caller goes on to its next candidate or place instead. Null when not offered.
    /// </summary>
    /// <param name="surgeNow">The surge multiplier read just before the unit of work, if it was; else it is read here.</param>
    private async Task<Offer?> OfferAsync(QueueEntry entry, Agent agent, CancellationToken ct, int? surgeNow = null)
    {
        if (!await ClaimAsync(entry, entry.Id, ct) || !await ClaimAsync(agent, agent.Id, ct)
            || entry.Status != QueueEntryStatus.Waiting || agent.Status != AgentStatus.Online || agent.FreeCapacity <= 0)
        {
            return null;
        }

        var now = Now;
        var offer = new Offer(Guid.CreateVersion7(now), entry.Id, agent.Id, now, now + rules.Options.OfferTime);
        if (!agent.TakeOffer().Succeeded || !entry.Offer(offer.Id).Succeeded)
        {
            return null;
        }

        db.Add(offer.AtSurge(surgeNow ?? await surge.MultiplierNowAsync(ct)));
        news.AfterCommit(work, agent.Id);
        await timers.SetAllAsync(offer.Id.ToString(), new Dictionary<string, DateTime?> { [OfferExpiryKind] = offer.ExpiresAt }, ct);
        await CancelReviewAsync(entry, ct);
        return offer;
    }

    /// <summary>
    /// Locks the row of an agent or a place read earlier in this unit of work and reads it again, so what dispatch
    /// decides on is what it saves over; false when another transaction holds it. A row this unit of work changed or
    /// added already is saved with it and taken as it is, and one it claimed already is held: it is not locked and
    /// read again for each candidate.
    /// </summary>
    private async Task<bool> ClaimAsync<T>(T row, Guid id, CancellationToken ct)
        where T : class
    {
        var tracked = db.Entry(row);
        if (tracked.State != EntityState.Unchanged || !db.Database.IsNpgsql() || Claimed().Contains(row))
        {
            return true;
        }

        if (!await db.TryLockForUpdateAsync<T>("Id", id, ct))
        {
            return false;
        }

        await tracked.ReloadAsync(ct);
        Claimed().Add(row);
        return true;
    }

    /// <summary>
    /// The rows claimed in the open transaction, by reference: the tracker is cleared between queued work items, on a
    /// rollback to their savepoint and on a retry, so an instance found here is one read under a lock still held.
    /// </summary>
    private HashSet<object> Claimed()
    {
        var transaction = db.Database.CurrentTransaction;
        if (!ReferenceEquals(transaction, _claimed.Transaction))
        {
            _claimed = (transaction, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }

        return _claimed.Rows;
    }

    /// <summary>
    /// Whether any online agent has free capacity, as this unit of work sees them: an agent it changed (freed by a
    /// rejection, given an offer) counts as tracked, the others as stored.
    /// </summary>
    private async Task<bool> AnyoneFreeAsync(CancellationToken ct)
    {
        var tracked = db.Set<Agent>().Local.ToList();
        if (tracked.Any(a => a.FreeCapacity > 0))
        {
            return true;
        }

        return await Reads.AnyoneElseFree(db, [.. tracked.Select(a => a.Id)], ct);
    }

    /// <summary>
    /// The online agents with their certified skills and which of <paramref name="customers"/> they are linked to, tracked
    /// (dispatch changes their load).
    /// </summary>
    /// <param name="tracked">False outside a unit of work: the agents as stored, not tracked.</param>
    private async Task<Dictionary<Guid, OnlineAgent>> OnlineAsync(IReadOnlyCollection<Guid> customers, CancellationToken ct, bool tracked = true)
    {
        // What this unit of work changed is not in the database yet: an agent who came online or was set away a moment
        // ago counts as the tracked instance says.
        var agents = (await (tracked ? Reads.Online(db) : Reads.OnlineAsRead(db)).ToListAsync(ct))
            .Concat(db.Set<Agent>().Local).Distinct().Where(a => a.Status == AgentStatus.Online).ToList();
        return await ViewsAsync(agents, customers, ct);
    }

    /// <summary>
    /// The agents as dispatch sees them: their certified skills, and their conflicts among <paramref name="customers"/> (the
    /// customers of the places being decided on; the others are not read). Skills are read once in a pass (<see cref="AgentFacts"/>).
    /// </summary>
    private async Task<Dictionary<Guid, OnlineAgent>> ViewsAsync(IReadOnlyCollection<Agent> agents, IReadOnlyCollection<Guid> customers, CancellationToken ct)
    {
        var skills = await AgentFacts.KnownAsync(pass.Get<AgentFacts>().Skills, agents.Select(a => a.Id), async ids =>
            (IReadOnlyDictionary<Guid, IReadOnlyDictionary<Skill, int>>)(await Reads.CertifiedSkills(db, [.. ids]).ToListAsync(ct))
                .GroupBy(s => s.AgentId).ToDictionary(g => g.Key, IReadOnlyDictionary<Skill, int> (g) => g.ToDictionary(s => s.Skill, s => s.Level)),
            new Dictionary<Skill, int>());
        var conflicting = await conflicts.AmongAsync(agents, customers, ct);
        return agents.ToDictionary(a => a.Id, a => new OnlineAgent(a.Id, a, View(a, conflicting[a.Id], skills[a.Id])));
    }

    /// <summary>
    /// The head of the queue as this unit of work sees it, most urgent kinds and oldest first, read as plain rows; each
    /// with the agent among its recent declines if they declined it (the others who did are not read here).
    /// </summary>
    private async Task<List<DispatchRequest>> WaitingAsync(Guid agentId, int lookAhead, CancellationToken ct)
    {
        var local = db.Set<QueueEntry>().Local.ToDictionary(e => e.Id);
        var stored = await Reads.Waiting(db, lookAhead).ToListAsync(ct);
        var declined = (await DeclinesAsync(null, agentId, ct)).Select(d => d.QueueEntryId).ToHashSet();
        IReadOnlySet<Guid> byAgent = new HashSet<Guid> { agentId }, byNobody = new HashSet<Guid>();
        return
        [
            .. stored.Where(e => !local.ContainsKey(e.Id))
                .Select(e => new DispatchRequest(e.Id, e.CustomerId, e.Skill, e.Language, e.Urgency, e.EnqueuedAt, declined.Contains(e.Id) ? byAgent : byNobody)),
            .. local.Values.Where(e => e.Status == QueueEntryStatus.Waiting).Select(e => Request(e, declined.Contains(e.Id) ? byAgent : byNobody)),
        ];
    }

    private static HashSet<Guid> Customers(IEnumerable<DispatchRequest> places) => [.. places.Select(p => p.CustomerId)];

    private static DispatchAgent View(Agent agent, IReadOnlySet<Guid> conflicts, IReadOnlyDictionary<Skill, int> skills) =>
        new(agent.Id, agent.Tier, agent.Languages.ToHashSet(), skills, agent.MaxConversations,
            agent.FreeCapacity, agent.Rating, agent.IdleSince, conflicts);

    /// <summary>The places as dispatch sees them, each with the agents who declined it a short while ago.</summary>
    private async Task<IReadOnlyList<DispatchRequest>> RequestsAsync(IReadOnlyList<QueueEntry> entries, CancellationToken ct) =>
        await RequestsAsync([.. entries.Select(e => Request(e, new HashSet<Guid>()))], ct);

    private async Task<IReadOnlyList<DispatchRequest>> RequestsAsync(IReadOnlyList<DispatchRequest> places, CancellationToken ct)
    {
        var declined = (await DeclinesAsync(places.Select(p => p.Id).ToList(), null, ct)).ToLookup(d => d.QueueEntryId, d => d.AgentId);
        return [.. places.Select(p => p with { Declined = declined[p.Id].ToHashSet() })];
    }

    /// <summary>
    /// The recent rejections and expiries of offers, of the given places (all when null) and by the given agent (anyone
    /// when null), as stored and as staged in this unit of work.
    /// </summary>
    /// <remarks>Either the places or the agent is given: those are the two reads dispatch makes.</remarks>
    private async Task<List<PlaceDeclined>> DeclinesAsync(IReadOnlyList<Guid>? placeIds, Guid? agentId, CancellationToken ct)
    {
        var since = Now.AddSeconds(-rules.Options.RetryDeclinedAfterSeconds);
        var stored = agentId is { } id
            ? await Reads.DeclinedBy(db, since, id).Select(place => new PlaceDeclined(place, id)).ToListAsync(ct)
            : await Reads.DeclinesOf(db, since, [.. placeIds!]).ToListAsync(ct);
        // Answers this unit of work gave are not in the database yet.
        var staged = db.Set<Offer>().Local.Where(o => o.Status is OfferStatus.Rejected or OfferStatus.Expired
                && (placeIds is null || placeIds.Contains(o.QueueEntryId)) && (agentId is null || o.AgentId == agentId))
            .Select(o => new PlaceDeclined(o.QueueEntryId, o.AgentId));
        return [.. stored, .. staged];
    }

    private static DispatchRequest Request(QueueEntry entry, IReadOnlySet<Guid> declined) =>
        new(entry.Id, entry.CustomerId, entry.Skill, entry.Language, entry.Urgency, entry.EnqueuedAt, declined);

    private CycleReads Reads => CycleReads.For(db);

    private sealed record OnlineAgent(Guid Id, Agent Agent, DispatchAgent View);
}

/// <summary>Whom dispatch chose for a place before the unit of work that offers it (<see cref="Dispatcher.ChooseAsync"/>).</summary>
/// <param name="Candidates">The fitting agents who had free capacity, best first; none when nobody fitting was free.</param>
/// <param name="Surge">The surge multiplier then (per mille), read only when somebody was chosen.</param>
internal sealed record DispatchChoice(IReadOnlyList<Guid> Candidates, int? Surge);

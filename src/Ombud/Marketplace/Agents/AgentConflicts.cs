using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Agents;

/// <summary>
/// The customers an agent must never be offered or shown: their own customer account and every customer linked to them
/// by the same address, device, phone or e-mail, on the customers' records or their orders (Commerce's
/// <see cref="OrderLinks"/>, one step). The agent's sign-in e-mail counts as theirs, so a gig agent who signed up with
/// the e-mail they shop with is kept from that account even before it is linked. Worked out when asked, from the
/// data as it is then (nothing to keep fresh when a customer's identities change): one query for the agents' e-mails
/// and four for the links, however many agents. Dispatch asks only about the customers of the places it decides on
/// (<see cref="AmongAsync"/>), which reads by customer id instead of looking through every order.
/// </summary>
internal sealed class AgentConflicts(OmbudDb db, OrderLinks links, PassShared pass)
{
    /// <summary>The conflicting customers of each agent.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlySet<Guid>>> OfAsync(IReadOnlyCollection<Agent> agents, CancellationToken ct) =>
        agents.Count == 0 ? new Dictionary<Guid, IReadOnlySet<Guid>>() : await links.LinkedCustomersAsync(await SeedsAsync(agents, ct), ct);

    /// <summary>
    /// Which of <paramref name="customers"/> each agent is in conflict with, and no others: what dispatch needs for the places
    /// it decides on. The same links as <see cref="OfAsync"/>, read by customer id rather than by every order's identities.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlySet<Guid>>> AmongAsync(IReadOnlyCollection<Agent> agents, IReadOnlyCollection<Guid> customers,
        CancellationToken ct) =>
        agents.Count == 0 ? new Dictionary<Guid, IReadOnlySet<Guid>>() : await links.LinkedAmongAsync(await SeedsAsync(agents, ct), customers, ct);

    /// <summary>Whether <paramref name="customerId"/> is the agent's own or linked to them.</summary>
    public async Task<bool> ConflictsAsync(Guid agentId, Guid customerId, CancellationToken ct) =>
        await db.Set<Agent>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == agentId, ct) is { } agent
        && (await AmongAsync([agent], [customerId], ct))[agent.Id].Contains(customerId);

    /// <summary>
    /// Each agent's own customer account and sign-in e-mail, which their links start from. The e-mails are read once in a
    /// pass of queued work (<see cref="Dispatch.AgentFacts"/>); the links themselves each time, as the data is then.
    /// </summary>
    private async Task<Dictionary<Guid, LinkSeed>> SeedsAsync(IReadOnlyCollection<Agent> agents, CancellationToken ct)
    {
        var emails = await Dispatch.AgentFacts.KnownAsync(pass.Get<Dispatch.AgentFacts>().Emails, agents.Select(a => a.UserId), async userIds =>
            (IReadOnlyDictionary<string, string?>)await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email })
                .ToDictionaryAsync(u => u.Id, u => u.Email, ct), null);
        return agents.DistinctBy(a => a.Id).ToDictionary(a => a.Id, a => new LinkSeed(a.OwnCustomerId, emails[a.UserId]));
    }
}

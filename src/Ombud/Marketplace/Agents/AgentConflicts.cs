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
/// and four for the links, however many agents.
/// </summary>
internal sealed class AgentConflicts(OmbudDb db, OrderLinks links)
{
    /// <summary>The conflicting customers of each agent.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlySet<Guid>>> OfAsync(IReadOnlyCollection<Agent> agents, CancellationToken ct)
    {
        if (agents.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlySet<Guid>>();
        }

        var userIds = agents.Select(a => a.UserId).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        return await links.LinkedCustomersAsync(agents.DistinctBy(a => a.Id).ToDictionary(a => a.Id, a => new LinkSeed(a.OwnCustomerId, emails.GetValueOrDefault(a.UserId))), ct);
    }

    /// <summary>Whether <paramref name="customerId"/> is the agent's own or linked to them.</summary>
    public async Task<bool> ConflictsAsync(Guid agentId, Guid customerId, CancellationToken ct) =>
        await db.Set<Agent>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == agentId, ct) is { } agent
        && (await OfAsync([agent], ct))[agent.Id].Contains(customerId);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Marketplace.AgentConsole;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Marketplace.Presence;

/// <summary>
/// An agent's console fell silent: no heartbeat for the grace period (every tab closed, the laptop asleep, or the
/// node that held the connection died). The timer is stored, so any node fires it, and every heartbeat moves it on;
/// when it fires the agent is set offline, unless they were seen since or are offline already. Offers out run their
/// course; the conversations they hold stay theirs.
/// </summary>
internal sealed class PresenceLapse(OmbudDb db, UnitOfWork work, AgentNews news, IOptions<MarketplaceOptions> options, TimeProvider clock)
    : ITimerHandler
{
    public const string Kind = "marketplace.presence-lapse";

    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var agent = await db.Set<Agent>().SingleOrDefaultAsync(a => a.Id == timer.EntityGuid, ct);
        if (agent is null || agent.Status == AgentStatus.Offline
            || agent.LastSeenAt is { } seen && seen.AddSeconds(options.Value.PresenceGraceSeconds) > now)
        {
            return false;
        }

        var before = agent.Status;
        agent.GoOffline(now);
        PresenceChange.Note(db, agent, before, now);
        news.AfterCommit(work, agent.Id);
        return true;
    }
}

using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Surge;

/// <summary>
/// The shopper's estimated wait for a person, honest or not at all. With agents certified in the skill online, the
/// places ahead in that skill are answered as the agents' capacity frees up, one handle time per conversation held
/// (the recent mean): the wait is the places still waiting ahead, less the free capacity, times the handle time over
/// the capacity, in whole minutes rounded up; a place offered to someone right now is about a minute away. With nobody of the skill online dispatch gives the place to staff at once, so the
/// estimate is staff's, said as such; with nobody online at all there is no number to give, and none is made up.
/// </summary>
internal sealed class WaitEstimates(OmbudDb db, SupplyAndDemand supply, TimeProvider clock)
{
    /// <summary>The estimate for the shopper's conversation while it waits for a person; null once a person has it (or it never waited).</summary>
    public async Task<WaitEstimate?> ForConversationAsync(Guid customerId, Guid conversationId, CancellationToken ct)
    {
        var place = await db.Set<QueueEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.ConversationId == conversationId && e.CustomerId == customerId
            && (e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Offered), ct);
        return place is null ? null : await ForPlaceAsync(place, ct);
    }

    public async Task<WaitEstimate> ForPlaceAsync(QueueEntry place, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var online = await db.Set<Agent>().AsNoTracking().Where(a => a.Status == AgentStatus.Online)
            .Select(a => new { a.Id, a.Tier, a.MaxConversations, Free = a.MaxConversations - a.ActiveConversations - a.PendingOffers }).ToListAsync(ct);
        var ids = online.Select(a => a.Id).ToList();
        var skilled = (await db.Set<AgentSkill>().AsNoTracking()
            .Where(s => ids.Contains(s.AgentId) && s.Skill == place.Skill && s.CertifiedAt != null).Select(s => s.AgentId).ToListAsync(ct)).ToHashSet();
        var fitting = online.Where(a => skilled.Contains(a.Id)).ToList();
        var kind = WaitKind.Minutes;
        if (fitting.Count == 0)
        {
            fitting = online.Where(a => a.Tier == AgentTier.Staff).ToList();
            kind = fitting.Count == 0 ? WaitKind.NobodyOnline : WaitKind.StaffWillTakeIt;
        }

        if (kind == WaitKind.NobodyOnline)
        {
            return new WaitEstimate(kind, null, place.Language, WaitWording.Of(kind, null, place.Language));
        }

        // Places offered to someone are being answered: they hold the capacity they took (it is not free), so only those still
        // waiting are ahead. Staff take any skill, so every such place before this one counts; otherwise those of the same skill.
        var anySkill = kind == WaitKind.StaffWillTakeIt;
        var ahead = await db.Set<QueueEntry>().CountAsync(e => e.Status == QueueEntryStatus.Waiting
            && e.Id != place.Id && e.EnqueuedAt < place.EnqueuedAt && (anySkill || e.Skill == place.Skill), ct);
        var handle = await supply.HandleSecondsAsync(now, ct);
        // An offer is out to someone now: it is theirs to take within its countdown.
        var minutes = place.Status == QueueEntryStatus.Offered
            ? 1
            : Minutes(ahead, fitting.Sum(a => Math.Max(0, a.Free)), fitting.Sum(a => a.MaxConversations), handle);
        return new WaitEstimate(kind, minutes, place.Language, WaitWording.Of(kind, minutes, place.Language));
    }

    /// <summary>Whole minutes, at least one: the places ahead that the free capacity does not take at once, served at capacity / handle time.</summary>
    public static int Minutes(int ahead, int free, int capacity, int handleSeconds)
    {
        var behind = Math.Max(0, ahead + 1 - free);
        var seconds = capacity == 0 ? handleSeconds : (double)behind * handleSeconds / capacity;
        return Math.Max(1, (int)Math.Ceiling(seconds / 60));
    }
}

/// <summary>An estimated wait: minutes when there is an honest number, the words the shopper reads, in their language.</summary>
public sealed record WaitEstimate(WaitKind Kind, int? Minutes, string Language, string Text);

public enum WaitKind
{
    /// <summary>Agents with the skill are online: about this many minutes.</summary>
    Minutes,

    /// <summary>Nobody with the skill is online; staff are, and take it within about this many minutes.</summary>
    StaffWillTakeIt,

    /// <summary>Nobody who can answer is online: no number.</summary>
    NobodyOnline,
}

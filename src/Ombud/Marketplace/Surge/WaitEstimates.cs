using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace.Dispatch;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Surge;

/// <summary>
/// The shopper's estimated wait for a person, honest or not at all. With agents certified in the skill online, the
/// places dispatch serves first in that skill are answered as the agents' capacity frees up, one handle time per
/// conversation held (the recent mean): the wait is those places, less the free capacity, times the handle time over the
/// capacity, in whole minutes rounded up; a place offered to someone right now is about a minute away. With nobody of the
/// skill online dispatch gives the place to staff at once, so the estimate is staff's, said as such; with nobody online at
/// all there is no number to give, and none is made up. Who is online and who waits come from this node's
/// <see cref="SupplyCache"/> (a few seconds old at most); the shopper's own place is read fresh.
/// </summary>
internal sealed class WaitEstimates(OmbudDb db, SupplyCache supply, DispatchRules rules)
{
    /// <summary>The estimate for the shopper's conversation while it waits for a person; null once a person has it (or it never waited).</summary>
    public async Task<WaitEstimate?> ForConversationAsync(Guid customerId, Guid conversationId, CancellationToken ct)
    {
        var place = await db.Set<QueueEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.ConversationId == conversationId && e.CustomerId == customerId
            && (e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Offered), ct);
        return place is null ? null : For(place, await supply.ReadAsync(ct));
    }

    private WaitEstimate For(QueueEntry place, SupplyReading now)
    {
        var fitting = now.Online.Where(a => a.Skills.Contains(place.Skill)).ToList();
        var kind = WaitKind.Minutes;
        if (fitting.Count == 0)
        {
            fitting = [.. now.Online.Where(a => a.Tier == AgentTier.Staff)];
            kind = fitting.Count == 0 ? WaitKind.NobodyOnline : WaitKind.StaffWillTakeIt;
        }

        if (kind == WaitKind.NobodyOnline)
        {
            return new WaitEstimate(kind, null, place.Language, WaitWording.Of(kind, null, place.Language));
        }

        // Places offered to someone are being answered: they hold the capacity they took (it is not free), so only those still
        // waiting are ahead, in the order dispatch serves them (the more urgent first, then the longest waiting). Staff take any
        // skill, so every such place counts; otherwise those of the same skill.
        var anySkill = kind == WaitKind.StaffWillTakeIt;
        var mine = rules.QueueOrder(place.Urgency, place.EnqueuedAt, place.Id);
        var ahead = now.Places.Count(e => e.Status == QueueEntryStatus.Waiting && e.Id != place.Id && (anySkill || e.Skill == place.Skill)
                                          && rules.QueueOrder(e.Urgency, e.EnqueuedAt, e.Id).CompareTo(mine) < 0);
        // An offer is out to someone now: it is theirs to take within its countdown.
        var minutes = place.Status == QueueEntryStatus.Offered
            ? 1
            : Minutes(ahead, fitting.Sum(a => a.FreeCapacity), fitting.Sum(a => a.MaxConversations), now.Snapshot.HandleSeconds);
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

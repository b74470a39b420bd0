using Microsoft.Extensions.Options;
using Ombud.Marketplace.Storage;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Marketplace.Dispatch;

/// <summary>
/// An offer's countdown ran out before the agent's answer was stored: it expires, the agent is set away (by default:
/// someone who misses an offer is likely not at the keyboard), and the hand-off goes to the next candidate. An agent
/// whose answer already reached the node (<see cref="AnswersInFlight"/>) did not miss it: the server was slow, so they
/// stay as they are.
/// </summary>
internal sealed class OfferExpiry(OmbudDb db, Dispatcher dispatcher, AnswersInFlight answers, IOptions<MarketplaceOptions> options, TimeProvider clock)
    : ITimerHandler
{
    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reads = CycleReads.For(db);
        var offer = await reads.Offer(db, timer.EntityGuid, ct);
        if (offer is null || !offer.Expire(now))
        {
            return false;
        }

        if (options.Value.AwayAfterMissedOffer && await reads.AgentAsync(db, offer.AgentId, ct) is { } agent
            && !answers.IsAnswering(offer.Id, agent.UserId))
        {
            var before = agent.Status;
            agent.GoAway(now);
            Presence.PresenceChange.Note(db, agent, before, now);
        }

        await dispatcher.SettleAndMoveOnAsync(offer, ct);
        return true;
    }
}

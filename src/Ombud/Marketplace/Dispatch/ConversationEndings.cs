using Microsoft.EntityFrameworkCore;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace.AgentConsole;
using Ombud.Marketplace.Storage;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Marketplace.Dispatch;

/// <summary>
/// A conversation ended. If an agent held it, their place is free again and they are offered the most urgent waiting
/// hand-off they fit; if it still waited, its place leaves the queue and an offer out for it is withdrawn.
/// </summary>
internal sealed class ConversationEndings(OmbudDb db, UnitOfWork work, Dispatcher dispatcher, AgentNews news, TimerSchedule timers, TimeProvider clock) : IEventHandler
{
    public const string Subscriber = "marketplace.conversation-endings";

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var closed = message.Read<ConversationClosed>();
        var entry = await Reads.OpenPlaceOf(db, closed.ConversationId, ct);
        if (entry is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Guid? freed = null;
        if (entry.Status == QueueEntryStatus.Assigned)
        {
            entry.Finish(now);
            freed = entry.AgentId;
            (await AgentAsync(entry.AgentId, ct))?.ConversationEnded(now);
        }
        else
        {
            if (entry.OfferId is { } offerId && await Reads.Offer(db, offerId, ct) is { } offer && offer.Withdraw(now))
            {
                freed = offer.AgentId;
                (await AgentAsync(offer.AgentId, ct))?.OfferSettled(accepted: false);
                await timers.CancelAsync(Dispatcher.OfferExpiryKind, offer.Id.ToString(), ct);
            }

            entry.Withdraw(now);
            await timers.CancelAsync(Dispatcher.QueueReviewKind, entry.Id.ToString(), ct);
        }

        if (freed is { } agentId)
        {
            news.AfterCommit(work, agentId);
            await dispatcher.OfferToAgentAsync(agentId, ct);
        }
    }

    private CycleReads Reads => CycleReads.For(db);

    private async Task<Agent?> AgentAsync(Guid? id, CancellationToken ct) => id is { } agentId ? await Reads.AgentAsync(db, agentId, ct) : null;
}

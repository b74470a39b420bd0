using Microsoft.EntityFrameworkCore;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Disputes.Contracts;
using Ombud.Marketplace.Storage;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Dispatch;

/// <summary>
/// A conversation was handed off: the shopper gets a place in the queue, and dispatch offers it at once if anybody
/// fitting is free. One shopper holds one place: a second hand-off of theirs while they wait takes over that place
/// (its time kept, the more urgent needs of both), and the earlier conversation goes back to the assistant.
/// </summary>
internal sealed class HandOffArrivals(OmbudDb db, Dispatcher dispatcher, CustomerDisputes disputes, ConversationService conversations, TimeProvider clock)
    : IEventHandler
{
    public const string Subscriber = "marketplace.hand-offs";

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var handedOff = message.Read<ConversationHandedOff>();
        var reads = CycleReads.For(db);
        if (await reads.HandOffQueued(db, handedOff.HandOffId, ct))
        {
            return;
        }

        var hasOpenDispute = (await disputes.OfCustomerAsync(handedOff.CustomerId, ct)).Any(d => d.IsOpen);
        var (skill, urgency) = HandOffNeeds.Of(handedOff.Reason, handedOff.Priority, handedOff.Intent, hasOpenDispute);
        var place = await reads.QueuedPlaceOf(db, handedOff.CustomerId, ct);
        if (place is null)
        {
            place = new QueueEntry(Guid.CreateVersion7(clock.GetUtcNow()), handedOff.ConversationId, handedOff.HandOffId, handedOff.CustomerId,
                skill, handedOff.Language, handedOff.Reason, urgency, handedOff.RequestedAt);
            db.Add(place);
        }
        else
        {
            var earlier = place.ConversationId;
            place.Join(handedOff.ConversationId, handedOff.HandOffId, skill, handedOff.Language, handedOff.Reason, urgency);
            if (earlier != handedOff.ConversationId)
            {
                // Refused only when the earlier conversation left the queue already (it ended): nothing to give back.
                await conversations.HandBackAsync(earlier, ct);
            }
        }

        await dispatcher.OfferNextAsync(place, ct);
    }
}

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
/// <remarks>
/// Its read step (<see cref="ReadAsync"/>) reads the shopper's disputes and chooses whom to offer a new place to before
/// the delivery's unit of work, so on SQLite the node's one writer is held only to take the place, read again the
/// chosen agents and write the offer. Whether the hand-off is queued already and whether the shopper holds a place are
/// asked in the unit of work, as before: they keep a delivery idempotent and a shopper at one place.
/// </remarks>
internal sealed class HandOffArrivals(OmbudDb db, Dispatcher dispatcher, CustomerDisputes disputes, ConversationService conversations, TimeProvider clock)
    : IEventHandlerWithReadStep
{
    public const string Subscriber = "marketplace.hand-offs";

    /// <summary>What the read step found for a hand-off: its needs, and whom dispatch chose for it as a new place.</summary>
    private ArrivalRead? _read;

    public async Task ReadAsync(EventMessage message, CancellationToken ct)
    {
        var handedOff = message.Read<ConversationHandedOff>();
        var (skill, urgency) = await NeedsAsync(handedOff, ct);
        // As a new place it has no declines yet: its id is not needed to choose.
        var place = new DispatchRequest(Guid.Empty, handedOff.CustomerId, skill, handedOff.Language, urgency, handedOff.RequestedAt, new HashSet<Guid>());
        _read = new ArrivalRead(handedOff.HandOffId, skill, urgency, await dispatcher.ChooseAsync(place, ct));
    }

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var handedOff = message.Read<ConversationHandedOff>();
        var reads = CycleReads.For(db);
        if (await reads.HandOffQueued(db, handedOff.HandOffId, ct))
        {
            return;
        }

        var read = _read?.HandOffId == handedOff.HandOffId ? _read : null;
        var (skill, urgency) = read is not null ? (read.Skill, read.Urgency) : await NeedsAsync(handedOff, ct);
        var place = await reads.QueuedPlaceOf(db, handedOff.CustomerId, ct);
        if (place is null)
        {
            place = new QueueEntry(Guid.CreateVersion7(clock.GetUtcNow()), handedOff.ConversationId, handedOff.HandOffId, handedOff.CustomerId,
                skill, handedOff.Language, handedOff.Reason, urgency, handedOff.RequestedAt);
            db.Add(place);
            await dispatcher.OfferNextAsync(place, ct, read?.Choice);
            return;
        }

        var earlier = place.ConversationId;
        place.Join(handedOff.ConversationId, handedOff.HandOffId, skill, handedOff.Language, handedOff.Reason, urgency);
        if (earlier != handedOff.ConversationId)
        {
            // Refused only when the earlier conversation left the queue already (it ended): nothing to give back.
            await conversations.HandBackAsync(earlier, ct);
        }

        // The joined place keeps its time and declines, and takes the needs of both: what was chosen for a new one does not hold.
        await dispatcher.OfferNextAsync(place, ct);
    }

    private async Task<(Skill Skill, HandOffUrgency Urgency)> NeedsAsync(ConversationHandedOff handedOff, CancellationToken ct)
    {
        var hasOpenDispute = (await disputes.OfCustomerAsync(handedOff.CustomerId, ct)).Any(d => d.IsOpen);
        return HandOffNeeds.Of(handedOff.Reason, handedOff.Priority, handedOff.Intent, hasOpenDispute);
    }

    private sealed record ArrivalRead(Guid HandOffId, Skill Skill, HandOffUrgency Urgency, DispatchChoice Choice);
}

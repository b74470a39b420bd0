using Ombud.Commerce.Contracts;
using Ombud.Disputes;
using Ombud.Platform.Events;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// The assistant's subscriber to what changes a shopper's facts: an order placed or shipped, delivered, returned or cancelled, a payment, a refund, a plan
/// adjusted or handed to collection, and every move of a dispute. It tells every node to forget that customer's kept
/// facts (<see cref="ConversationFacts"/>), so the shopper's next turn reads them afresh. The notice is only the
/// customer's id; handling an event twice forgets twice, which is harmless.
/// </summary>
internal sealed class FactsRefresh(ConversationFacts facts) : IEventHandler
{
    public const string Subscriber = "assistant.facts";

    public static readonly string[] EventTypes =
    [
        OrderPlaced.Type, OrderProgressed.Type, PaymentReceived.Type, RefundIssued.Type, PlanAdjusted.Type, PlanHandedToCollection.Type, PlanCollectionWithdrawn.Type,
        UnauthorisedPurchaseReported.Type,
        .. Enum.GetValues<DisputeMove>().Select(DisputeChanged.TypeOf).Distinct(StringComparer.Ordinal),
    ];

    public Task HandleAsync(EventMessage message, CancellationToken ct) => facts.AnnounceAsync(message.Read<OfCustomer>().CustomerId);

    /// <summary>What every one of these events carries: whose data changed.</summary>
    private sealed record OfCustomer(Guid CustomerId);
}

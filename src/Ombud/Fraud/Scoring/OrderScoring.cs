using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Scoring;

/// <summary>An order was placed: decide its risk in this subscriber's unit of work, once per order.</summary>
internal sealed class OrderScoring(OmbudDb db, RiskDesk desk) : IEventHandler
{
    public const string Subscriber = "fraud.scoring";

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var placed = message.Read<OrderPlaced>();
        if (await db.Set<FraudDecision>().AnyAsync(d => d.OrderId == placed.OrderId && d.Trigger == RiskTrigger.OrderPlaced, ct))
        {
            return;
        }

        // Not found cannot happen for an order whose event was written with it; anything else is a bug and is retried.
        var decided = await desk.DecideAsync(placed.OrderId, RiskTrigger.OrderPlaced, "system:fraud.scoring", ct);
        if (!decided.Succeeded)
        {
            throw new InvalidOperationException($"Order {placed.OrderId} could not be scored: {decided.Error!.Detail}");
        }
    }
}

using Ombud.Disputes;
using Ombud.Disputes.Contracts;
using Ombud.Platform;

namespace Ombud.Assistant.Actions;

/// <summary>
/// The assistant's only way to change a dispute: Disputes' own shopper steps (<see cref="ShopperDisputeSteps"/>), the
/// same rules and audit as the API, as the shopper with "(assistant)" in the actor. Inside the turn's unit of work they
/// join it, so the dispute and the turn that reported it commit together or not at all.
/// </summary>
internal sealed class DisputeActions(ShopperDisputeSteps steps)
{
    public static string Actor(Guid customerId) => $"{DisputeActors.Customer(customerId)} (assistant)";

    public Task<Outcome<DisputeSummary>> ReportAsync(Guid customerId, Guid orderId, DisputeReason reason, string description, CancellationToken ct) =>
        steps.ReportAsync(orderId, reason, description, Actor(customerId), ct);

    public Task<Outcome<DisputeSummary>> RegisterReturnAsync(Guid customerId, Guid disputeId, string carrier, string trackingNumber, CancellationToken ct) =>
        steps.RegisterReturnAsync(disputeId, carrier, trackingNumber, Actor(customerId), ct);
}

using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Assistant.Actions;

/// <summary>
/// The assistant's only way to change a dispute: the same <see cref="DisputeService"/> use cases, rules and audit as
/// the API, as the shopper, run as a <see cref="UnitOfWork"/> of the conversation's scope. Inside a turn that runs as
/// a unit of work it joins the turn's, so the dispute and the turn that reported it commit together or not at all.
/// </summary>
internal sealed class DisputeActions(UnitOfWork unitOfWork, DisputeService disputes)
{
    public static string Actor(Guid customerId) => $"{DisputeActors.Customer(customerId)} (assistant)";

    public Task<Outcome<Dispute>> ReportAsync(Guid customerId, Guid orderId, DisputeReason reason, string description, CancellationToken ct) =>
        RunAsync(token => disputes.ReportAsync(new ProblemReport(orderId, reason, description), Actor(customerId), token), ct);

    public Task<Outcome<Dispute>> RegisterReturnAsync(Guid customerId, Guid disputeId, string carrier, string trackingNumber, CancellationToken ct) =>
        RunAsync(token => disputes.RegisterReturnAsync(disputeId, carrier, trackingNumber, Actor(customerId), token), ct);

    private Task<Outcome<Dispute>> RunAsync(Func<CancellationToken, Task<Outcome<Dispute>>> useCase, CancellationToken ct) =>
        unitOfWork.RunAsync(useCase, ct, "The dispute");
}

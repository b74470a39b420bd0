using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Contracts;

/// <summary>
/// Disputes' write service for the modules above it (the assistant): a shopper's own steps, with the same rules and
/// audit as the API, answered as <see cref="DisputeSummary"/> records. Each runs as a <see cref="UnitOfWork"/>; inside a
/// larger one (the assistant's turn) it joins it, so the dispute and what asked for it commit together or not at all.
/// </summary>
internal sealed class ShopperDisputeSteps(UnitOfWork work, DisputeService disputes)
{
    private const string Subject = "The dispute";

    public Task<Outcome<DisputeSummary>> ReportAsync(Guid orderId, DisputeReason reason, string description, string actor, CancellationToken ct) =>
        RunAsync(token => disputes.ReportAsync(new ProblemReport(orderId, reason, description), actor, token), ct);

    public Task<Outcome<DisputeSummary>> RegisterReturnAsync(Guid disputeId, string carrier, string trackingNumber, string actor, CancellationToken ct) =>
        RunAsync(token => disputes.RegisterReturnAsync(disputeId, carrier, trackingNumber, actor, token), ct);

    private Task<Outcome<DisputeSummary>> RunAsync(Func<CancellationToken, Task<Outcome<Dispute>>> step, CancellationToken ct) =>
        work.RunAsync<DisputeSummary>(async token =>
        {
            var done = await step(token);
            return done.Succeeded ? DisputeSummary.Of(done.Value!) : done.Error!;
        }, ct, Subject);
}

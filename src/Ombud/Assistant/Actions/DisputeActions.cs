using Ombud.Disputes;
using Ombud.Platform;

namespace Ombud.Assistant.Actions;

/// <summary>
/// The assistant's only way to change a dispute: the same <see cref="DisputeService"/> use cases, rules and audit as
/// the API, as the shopper. Each call runs in a unit of work of its own, so a refused move (or a race settled by the
/// database) can never take the conversation's own pending changes down with it.
/// </summary>
internal sealed class DisputeActions(IServiceScopeFactory scopes)
{
    public static string Actor(Guid customerId) => $"{DisputeActors.Customer(customerId)} (assistant)";

    public Task<Outcome<Dispute>> ReportAsync(Guid customerId, Guid orderId, DisputeReason reason, string description, CancellationToken ct) =>
        RunAsync(service => service.ReportAsync(new ProblemReport(orderId, reason, description), Actor(customerId), ct));

    public Task<Outcome<Dispute>> RegisterReturnAsync(Guid customerId, Guid disputeId, string carrier, string trackingNumber, CancellationToken ct) =>
        RunAsync(service => service.RegisterReturnAsync(disputeId, carrier, trackingNumber, Actor(customerId), ct));

    private async Task<Outcome<Dispute>> RunAsync(Func<DisputeService, Task<Outcome<Dispute>>> useCase)
    {
        await using var scope = scopes.CreateAsyncScope();
        // DisputeService saves its own unit of work (its WithoutSaving twin is for callers that hold a transaction).
        return await useCase(scope.ServiceProvider.GetRequiredService<DisputeService>());
    }
}

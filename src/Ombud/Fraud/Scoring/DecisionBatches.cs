using Microsoft.Extensions.Options;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Scoring;

/// <summary>
/// Group commit for decisions asked on demand (<see cref="GroupCommit{TItem,TResult}"/>): callers whose decisions are
/// assessed while a commit is under way wait for the next one, which stores all their decisions (each with its
/// <c>risk.decided</c> event and audit entry) in one transaction. A caller hears its decision only after the batch
/// holding it has committed, so an answered decision is never lost; a batch that fails (a clash, an order erased since
/// it was assessed) is tried again one decision at a time, so only the decision at fault fails, with its own reason.
/// On PostgreSQL <see cref="FraudOptions.DecisionWriters"/> writers (one unless set) commit batches side by side
/// (decisions have no key: they take turns), so a batch held up does not hold up every decision behind it.
/// </summary>
internal sealed class DecisionBatches(IServiceScopeFactory scopes, ILogger<DecisionBatches> log, DatabaseOptions database, IOptions<FraudOptions> options)
    : GroupCommit<DecisionBatches.Assessed, RiskDecisionView>(scopes, log, database.IsSqlite ? 1 : options.Value.DecisionWriters)
{
    /// <summary>Stores the assessed decision with the next batch and answers once that batch has committed.</summary>
    public Task<Outcome<RiskDecisionView>> RecordAsync(RiskAssessment assessed, string actor) => WithNextCommitAsync(new(assessed, actor));

    protected override string Subject => "The risk decision";

    // Recording a decision stages its rows and reads nothing: on PostgreSQL a batch is one round trip.
    protected override bool OnlyStages => true;

    protected override Task<Outcome<RiskDecisionView>> StageAsync(IServiceProvider services, Assessed item, CancellationToken ct) =>
        Task.FromResult<Outcome<RiskDecisionView>>(services.GetRequiredService<RiskDesk>().Record(item.Assessment, RiskTrigger.OnDemand, item.Actor));

    internal sealed record Assessed(RiskAssessment Assessment, string Actor);
}

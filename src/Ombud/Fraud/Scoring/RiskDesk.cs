using Microsoft.Extensions.Options;
using Ombud.Commerce.Contracts;
using Ombud.Fraud.Contracts;
using Ombud.Fraud.Features;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Scoring;

/// <summary>A decision as callers see it.</summary>
public sealed record RiskDecisionView(Guid Id, Guid OrderId, Guid CustomerId, RiskOutcome Outcome, double Score, IReadOnlyList<RiskReason> Reasons,
    string Basis, RiskTrigger Trigger, DateTime DecidedAt)
{
    public static RiskDecisionView Of(FraudDecision d) => new(d.Id, d.OrderId, d.CustomerId, d.Outcome, d.Score, d.Reasons, d.Basis, d.Trigger, d.DecidedAt);
}

/// <summary>
/// Whether the store keeps labels at all (<see cref="RiskHistory.HasLabelsAsync"/>), asked by a decision whose linked
/// orders carry none. Labels are never taken back, so once a node has seen one it stops asking.
/// </summary>
internal sealed class StoreLabels
{
    private volatile bool _kept;

    public async Task<bool> KeptAsync(RiskHistory history, CancellationToken ct) => _kept || (_kept = await history.HasLabelsAsync(ct));
}

/// <summary>An order's risk assessed from what was known before it, not yet stored: what a decision records.</summary>
internal sealed record RiskAssessment(Guid OrderId, Guid CustomerId, RiskVerdict Verdict);

/// <summary>
/// The risk decision use case: read the order and the earlier orders sharing an identity with it through Commerce's
/// contract (one round trip), compute the features as training does, score (<see cref="AssessAsync"/>, reads only),
/// and stage the decision with its <c>risk.decided</c> event in the caller's unit of work (<see cref="Record"/>).
/// Assessing needs no unit of work, so a caller may do it before opening one: the write then holds SQLite's write
/// queue and the transaction only for the decision's own rows.
/// </summary>
internal sealed class RiskDesk(
    OmbudDb db,
    UnitOfWork unitOfWork,
    RiskHistory history,
    RiskModels models,
    Rules.LiveRules rules,
    StoreLabels storeLabels,
    IOptions<FraudOptions> options,
    DomainEvents events,
    StagedRows staged,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<Outcome<RiskDecisionView>> DecideAsync(Guid orderId, RiskTrigger trigger, string actor, CancellationToken ct)
    {
        unitOfWork.EnsureOpen("Deciding an order's risk");
        var assessed = await AssessAsync(orderId, ct);
        return assessed.Succeeded ? Record(assessed.Value!, trigger, actor) : assessed.Error!;
    }

    /// <summary>The order's features and verdict from the model and live rules; reads only.</summary>
    public async Task<Outcome<RiskAssessment>> AssessAsync(Guid orderId, CancellationToken ct)
    {
        if (await history.OrderWithEarlierLinkedAsync(orderId, ct) is not { } read)
        {
            return new NotFound("order", orderId.ToString());
        }

        var (order, linked) = read;
        var model = models.Current;
        var target = OrderEvents.From(order);
        var features = RiskFeatures.Of(target, await HistoryBeforeAsync(linked, model, ct));
        var verdict = Rules.LiveRules.Apply(RiskScorer.Decide(target, features, model, options.Value), await rules.ForAsync(target, ct),
            new Rules.RuleFacts(target, features));
        return new RiskAssessment(order.OrderId, order.CustomerId, verdict);
    }

    /// <summary>
    /// Stages the decision, its <c>risk.decided</c> event and (asked on demand) its audit entry in the open unit of work:
    /// on demand as staged rows (<see cref="DecisionRows"/>), else tracked by EF Core.
    /// </summary>
    public RiskDecisionView Record(RiskAssessment assessed, RiskTrigger trigger, string actor)
    {
        unitOfWork.EnsureOpen("Recording an order's risk decision");
        var verdict = assessed.Verdict;
        var now = clock.GetUtcNow().UtcDateTime;
        var decision = new FraudDecision(Guid.CreateVersion7(clock.GetUtcNow()), assessed.OrderId, assessed.CustomerId, verdict.Outcome, verdict.Score,
            verdict.Reasons, verdict.Basis, trigger, now);
        if (trigger == RiskTrigger.OnDemand)
        {
            // Asked on demand, the decision is written lean (one unnest INSERT per table for a whole batch), and its
            // event and audit entry are staged with it. A subscriber's decision stays tracked: its event pass saves
            // item by item under a savepoint, which staged rows would outlive.
            staged.Stage(decision);
        }
        else
        {
            db.Add(decision);
        }

        events.Publish(RiskDecided.Type, new RiskDecided(decision.Id, decision.OrderId, decision.CustomerId, decision.Outcome.ToString(), decision.Score,
            [.. verdict.Reasons.Select(r => r.Text)], decision.Basis, trigger.ToString(), now), RiskDecided.Version);
        if (trigger == RiskTrigger.OnDemand)
        {
            audit.Record(actor, "risk.scored", $"order:{decision.OrderId}", $"{decision.Outcome} at {decision.Score:0.####}");
        }

        return new RiskDecisionView(decision.Id, decision.OrderId, decision.CustomerId, decision.Outcome, decision.Score, verdict.Reasons, decision.Basis,
            trigger, now);
    }

    /// <summary>
    /// What was known before the order: the earlier orders sharing an identity with it and their labels (where the
    /// store keeps labels, an unlabelled order counts as legitimate, as in training), and the model's category counts.
    /// </summary>
    private async Task<EntityHistory> HistoryBeforeAsync(IReadOnlyList<LabelledOrder> linked, RiskModel? model, CancellationToken ct)
    {
        var labelsKept = linked.Any(o => o.Fraud is not null) || await storeLabels.KeptAsync(history, ct);
        var past = new EntityHistory();
        foreach (var (category, counts) in model?.Card.CategoryLabels ?? new Dictionary<string, int[]>())
        {
            past.Seed(category, counts[0], counts[1]);
        }

        foreach (var earlier in linked.OrderBy(o => o.Order.PlacedAt))
        {
            past.Observe(OrderEvents.From(earlier.Order, labelsKept ? earlier.Fraud ?? false : null));
        }

        return past;
    }
}

using Microsoft.EntityFrameworkCore;
using Ombud.Fraud.Features;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Realtime;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Rules;

/// <summary>A live rule ready to run beside the model.</summary>
internal sealed record LiveRule(Guid RuleId, string Name, RuleAction Action, string Reason, CompiledRule Compiled);

/// <summary>
/// This node's copy of the live rules, compiled, and of the snoozes still running (<see cref="NodeCopy{T}"/>): a risk
/// decision reads them from memory instead of asking the database twice per order. A rule change (approval, disabling,
/// a snooze) announces itself once it has committed. A snooze that ran out while cached is left out by its time at each
/// decision.
/// </summary>
internal sealed class LiveRuleSet(LiveChannel channel) : NodeCopy<LiveRuleSet.Loaded>(channel, Topic)
{
    public const string Topic = "fraud.rules";

    /// <summary>What a decision reads: the live rules and, by customer or device, the snoozes running when loaded.</summary>
    internal sealed record Loaded(IReadOnlyList<LiveRule> Rules, ILookup<(SnoozeSubject Subject, string Key), (Guid RuleId, DateTime Until)> Snoozes);
}

/// <summary>The live rules that apply to an order: every live version, less those snoozed for its customer or device.</summary>
internal sealed class LiveRules(OmbudDb db, LiveRuleSet cache, TimeProvider clock)
{
    /// <summary>The length <c>fraud_decisions.Basis</c> keeps.</summary>
    private const int MaxBasis = 300;

    public async Task<IReadOnlyList<LiveRule>> ForAsync(RiskEvent order, CancellationToken ct)
    {
        var loaded = await cache.GetAsync(LoadAsync, ct);
        if (loaded.Rules.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var snoozed = loaded.Snoozes[(SnoozeSubject.Customer, order.Customer ?? "")].Concat(loaded.Snoozes[(SnoozeSubject.Device, order.Device ?? "")])
            .Where(s => s.Until > now).Select(s => s.RuleId).ToHashSet();
        return snoozed.Count == 0 ? loaded.Rules : [.. loaded.Rules.Where(r => !snoozed.Contains(r.RuleId))];
    }

    private async Task<LiveRuleSet.Loaded> LoadAsync(CancellationToken ct)
    {
        var live = await db.Set<FraudRule>().AsNoTracking().Where(r => r.Status == RuleStatus.Live)
            .Select(r => new { r.RuleId, r.Name, r.Expression, r.Action, r.Reason }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var snoozes = await db.Set<FraudRuleSnooze>().AsNoTracking().Where(s => s.Until > now).Select(s => new { s.Subject, s.Key, s.RuleId, s.Until })
            .ToListAsync(ct);
        return new LiveRuleSet.Loaded(
            [.. live.Select(r => RuleLanguage.Compile(r.Expression).Rule is { } rule ? new LiveRule(r.RuleId, r.Name, r.Action, r.Reason, rule) : null)
                .OfType<LiveRule>()],
            snoozes.ToLookup(s => (s.Subject, s.Key), s => (s.RuleId, s.Until)));
    }

    /// <summary>
    /// The analysts' rules beside the model: a decline rule declines; else an approve-override approves whatever the
    /// model and built-in rules said; else a review rule sends the order to review at least. Each rule that held is a
    /// reason, first.
    /// </summary>
    public static RiskVerdict Apply(RiskVerdict verdict, IReadOnlyList<LiveRule> rules, RuleFacts facts)
    {
        var held = rules.Where(r => r.Compiled.Test(facts)).ToList();
        if (held.Count == 0)
        {
            return verdict;
        }

        var outcome = held.Any(r => r.Action == RuleAction.Decline) ? RiskOutcome.Decline
            : held.Any(r => r.Action == RuleAction.ApproveOverride) ? RiskOutcome.Approve
            : (RiskOutcome)Math.Max((int)verdict.Outcome, (int)RiskOutcome.Review);
        var basis = $"{verdict.Basis}; analyst rules: {string.Join(", ", held.Select(r => r.Name))}";
        return verdict with
        {
            Outcome = outcome,
            Reasons = [.. held.Select(r => new RiskReason($"rule:{r.Name}", r.Reason)), .. verdict.Reasons],
            Basis = basis.Length <= MaxBasis ? basis : basis[..MaxBasis],
        };
    }
}

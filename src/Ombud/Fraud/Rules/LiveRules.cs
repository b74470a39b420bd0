using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Ombud.Fraud.Features;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Rules;

/// <summary>A live rule ready to run beside the model.</summary>
internal sealed record LiveRule(Guid RuleId, string Name, RuleAction Action, string Reason, CompiledRule Compiled);

/// <summary>Compiled rules by version id: a version's text never changes, so each is compiled once per node.</summary>
internal sealed class CompiledRules
{
    private readonly ConcurrentDictionary<Guid, CompiledRule?> _byVersion = new();

    public CompiledRule? Get(Guid versionId, string expression) => _byVersion.GetOrAdd(versionId, _ => RuleLanguage.Compile(expression).Rule);
}

/// <summary>The live rules that apply to an order: every live version, less those snoozed for its customer or device.</summary>
internal sealed class LiveRules(OmbudDb db, CompiledRules compiled, TimeProvider clock)
{
    /// <summary>The length <c>fraud_decisions.Basis</c> keeps.</summary>
    private const int MaxBasis = 300;

    public async Task<IReadOnlyList<LiveRule>> ForAsync(RiskEvent order, CancellationToken ct)
    {
        var live = await db.Set<FraudRule>().AsNoTracking().Where(r => r.Status == RuleStatus.Live)
            .Select(r => new { r.Id, r.RuleId, r.Name, r.Expression, r.Action, r.Reason }).ToListAsync(ct);
        if (live.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (customer, device) = (order.Customer ?? "", order.Device ?? "");
        var snoozed = await db.Set<FraudRuleSnooze>().AsNoTracking()
            .Where(s => s.Until > now && ((s.Subject == SnoozeSubject.Customer && s.Key == customer) || (s.Subject == SnoozeSubject.Device && s.Key == device)))
            .Select(s => s.RuleId).ToListAsync(ct);
        return [.. live.Where(r => !snoozed.Contains(r.RuleId))
            .Select(r => compiled.Get(r.Id, r.Expression) is { } rule ? new LiveRule(r.RuleId, r.Name, r.Action, r.Reason, rule) : null)
            .OfType<LiveRule>()];
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

using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Rules;

/// <summary>A rule version as callers see it.</summary>
public sealed record RuleView(Guid Id, Guid RuleId, int Version, string Name, string Expression, RuleAction Action, string Reason, RuleStatus Status,
    string DraftedBy, DateTime DraftedAt, DateTime? SubmittedAt, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote, string? DisabledBy,
    DateTime? DisabledAt)
{
    public static RuleView Of(FraudRule r) => new(r.Id, r.RuleId, r.Version, r.Name, r.Expression, r.Action, r.Reason, r.Status, r.DraftedBy, r.DraftedAt,
        r.SubmittedAt, r.DecidedBy, r.DecidedAt, r.DecisionNote, r.DisabledBy, r.DisabledAt);
}

/// <summary>What an analyst writes: a new rule, or (with <see cref="RuleId"/>) a new version of one.</summary>
public sealed record RuleDraft(Guid? RuleId, string? Name, string? Expression, RuleAction? Action, string? Reason);

/// <summary>
/// The analysts' rules: drafting (each edit a new version, checked against the rule language first), sending for
/// approval, a second person's approval or rejection and disabling (snoozes are in <see cref="RuleSnoozes"/>). Every
/// change is audited, and so is a refused self-approval.
/// </summary>
internal sealed class RuleBook(OmbudDb db, UnitOfWork unitOfWork, LiveRuleSet liveRules, AuditLog audit, TimeProvider clock)
{
    private readonly List<(string Actor, string Subject, string Detail)> _refusals = [];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<RuleView>> ListAsync(CancellationToken ct) =>
        [.. (await db.Set<FraudRule>().AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.DraftedAt).ThenByDescending(r => r.Version).Select(RuleView.Of)];

    public async Task<Outcome<RuleView>> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<FraudRule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } rule
            ? RuleView.Of(rule)
            : new NotFound("rule version", id.ToString());

    public Task<Outcome<RuleView>> DraftAsync(RuleDraft draft, string actor, CancellationToken ct) =>
        unitOfWork.RunAsync<RuleView>(async token =>
        {
            if (Check(draft) is { } invalid)
            {
                return invalid;
            }

            var version = 1;
            var ruleId = Guid.CreateVersion7(clock.GetUtcNow());
            if (draft.RuleId is { } existing)
            {
                var versions = await db.Set<FraudRule>().Where(r => r.RuleId == existing).Select(r => r.Version).ToListAsync(token);
                if (versions.Count == 0)
                {
                    return new MissingReference("ruleId", "rule");
                }

                (ruleId, version) = (existing, versions.Max() + 1);
            }

            var rule = new FraudRule(Guid.CreateVersion7(clock.GetUtcNow()), ruleId, version, draft.Name!.Trim(), draft.Expression!, draft.Action!.Value,
                draft.Reason!.Trim(), actor, Now);
            db.Add(rule);
            audit.Record(actor, "fraud.rule.drafted", Subject(rule), $"v{version} {rule.Action}: {rule.Expression}");
            return RuleView.Of(rule);
        }, ct, "The rule");

    public Task<Outcome<RuleView>> SubmitAsync(Guid id, string actor, CancellationToken ct) =>
        ChangeAsync(id, actor, "fraud.rule.submitted", rule => rule.Submit(actor, Now), ct);

    public async Task<Outcome<RuleView>> ApproveAsync(Guid id, string actor, string? note, CancellationToken ct)
    {
        var outcome = await ChangeAsync(id, actor, "fraud.rule.approved", rule =>
        {
            if (rule.RefusalToDecide(actor) is { } refused)
            {
                return refused;
            }

            foreach (var live in db.Set<FraudRule>().Local.Where(r => r.RuleId == rule.RuleId && r.Status == RuleStatus.Live && r.Id != rule.Id))
            {
                live.Supersede();
                audit.Record(actor, "fraud.rule.superseded", Subject(live), $"by v{rule.Version}");
            }

            rule.Approve(actor, Trim(note), Now);
            return null;
        }, ct, loadSiblings: true);
        await AuditSelfDecisionAsync(outcome, id, actor, "approve", ct);
        return outcome;
    }

    public async Task<Outcome<RuleView>> RejectAsync(Guid id, string actor, string? note, CancellationToken ct)
    {
        var outcome = await ChangeAsync(id, actor, "fraud.rule.rejected", rule =>
        {
            if (rule.RefusalToDecide(actor) is { } refused)
            {
                return refused;
            }

            rule.Reject(actor, Trim(note), Now);
            return null;
        }, ct);
        await AuditSelfDecisionAsync(outcome, id, actor, "reject", ct);
        return outcome;
    }

    public Task<Outcome<RuleView>> DisableAsync(Guid id, string actor, CancellationToken ct) =>
        ChangeAsync(id, actor, "fraud.rule.disabled", rule => rule.Disable(actor, Now), ct);

    /// <summary>Why a draft cannot be saved, field by field; the rule's own error carries its line and column.</summary>
    public static Invalid? Check(RuleDraft draft)
    {
        var check = new Validation();
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > FraudRule.MaxNameLength)
        {
            check.Add("name", $"A name of at most {FraudRule.MaxNameLength} characters is required.");
        }

        if (RuleLanguage.Compile(draft.Expression).Error is { } error)
        {
            check.Add("expression", error.ToString());
        }

        if (draft.Action is not { } action || !Enum.IsDefined(action))
        {
            check.Add("action", "Say what the rule does: review, decline or approveOverride.");
        }

        if (string.IsNullOrWhiteSpace(draft.Reason) || draft.Reason.Length > FraudRule.MaxReasonLength)
        {
            check.Add("reason", $"The reason shown with decisions, at most {FraudRule.MaxReasonLength} characters, is required.");
        }

        return check.IsValid ? null : check.ToError();
    }

    private Task<Outcome<RuleView>> ChangeAsync(Guid id, string actor, string action, Func<FraudRule, DomainError?> change, CancellationToken ct,
        bool loadSiblings = false) =>
        unitOfWork.RunAsync<RuleView>(async token =>
        {
            var rule = await db.Set<FraudRule>().SingleOrDefaultAsync(r => r.Id == id, token);
            if (rule is null)
            {
                return new NotFound("rule version", id.ToString());
            }

            if (loadSiblings)
            {
                await db.Set<FraudRule>().Where(r => r.RuleId == rule.RuleId && r.Status == RuleStatus.Live).LoadAsync(token);
            }

            if (change(rule) is { } refused)
            {
                return refused;
            }

            audit.Record(actor, action, Subject(rule), $"v{rule.Version}");
            unitOfWork.AfterCommit(liveRules.AnnounceAsync);
            return RuleView.Of(rule);
        }, ct, "The rule");

    /// <summary>
    /// A refused self-approval rolls back with everything else, so its audit entry is written on its own: at once when
    /// no unit of work is open (a page), else kept until <see cref="RecordRefusalsAsync"/> after the caller's own one
    /// (an idempotent request runs the use case inside its unit of work, which rolls back on the refusal).
    /// </summary>
    private async Task AuditSelfDecisionAsync(Outcome<RuleView> outcome, Guid id, string actor, string verb, CancellationToken ct)
    {
        if (outcome.Error is Forbidden)
        {
            _refusals.Add((actor, $"fraud-rule-version:{id}", $"tried to {verb} their own rule"));
            if (!unitOfWork.IsOpen)
            {
                await RecordRefusalsAsync(ct);
            }
        }
    }

    /// <summary>Writes the audit entries of refused self-approvals kept while a unit of work was open.</summary>
    public async Task RecordRefusalsAsync(CancellationToken ct)
    {
        foreach (var (actor, subject, detail) in _refusals)
        {
            await audit.RecordAloneAsync(actor, "fraud.rule.self-approval-refused", subject, detail, ct);
        }

        _refusals.Clear();
    }

    internal static string Subject(FraudRule rule) => $"fraud-rule:{rule.RuleId}";

    private static string? Trim(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, FraudRule.MaxReasonLength)];
}

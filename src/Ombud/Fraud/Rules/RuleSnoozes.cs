using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Rules;

/// <summary>A snooze as callers see it, with the name of the rule it sets aside.</summary>
public sealed record SnoozeView(Guid Id, Guid RuleId, string RuleName, SnoozeSubject Subject, string Key, DateTime Until, string Reason, string By, DateTime At)
{
    internal static SnoozeView Of(FraudRuleSnooze s, string ruleName) => new(s.Id, s.RuleId, ruleName, s.Subject, s.Key, s.Until, s.Reason, s.By, s.At);
}

/// <summary>
/// A live rule set aside for one customer or device for some hours (a known good customer on a new phone), the snoozes
/// still running, and ending one early. Each change is audited and reaches every node's live rules at once.
/// </summary>
internal sealed class RuleSnoozes(OmbudDb db, UnitOfWork unitOfWork, LiveRuleSet liveRules, AuditLog audit, TimeProvider clock)
{
    public const int MaxHours = 24 * 90;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The snoozes still running, the soonest to end first, each with the name of its rule's newest version.</summary>
    public async Task<IReadOnlyList<SnoozeView>> RunningAsync(CancellationToken ct)
    {
        var now = Now;
        var running = await db.Set<FraudRuleSnooze>().AsNoTracking().Where(s => s.Until > now).ToListAsync(ct);
        var ruleIds = running.Select(s => s.RuleId).Distinct().ToList();
        var names = (await db.Set<FraudRule>().AsNoTracking().Where(r => ruleIds.Contains(r.RuleId)).Select(r => new { r.RuleId, r.Version, r.Name }).ToListAsync(ct))
            .GroupBy(r => r.RuleId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!.Name);
        return [.. running.OrderBy(s => s.Until).ThenBy(s => s.Id).Select(s => SnoozeView.Of(s, names.GetValueOrDefault(s.RuleId, "a removed rule")))];
    }

    public Task<Outcome<SnoozeView>> SnoozeAsync(Guid id, SnoozeSubject? subject, string? key, int? hours, string? reason, string actor, CancellationToken ct) =>
        unitOfWork.RunAsync<SnoozeView>(async token =>
        {
            var check = new Validation();
            if (subject is null)
            {
                check.Add("subject", "Say whom the rule spares: customer or device.");
            }

            if (string.IsNullOrWhiteSpace(key) || key.Length > FraudRuleSnooze.MaxKeyLength)
            {
                check.Add("key", $"The customer's id or the device's fingerprint, at most {FraudRuleSnooze.MaxKeyLength} characters.");
            }

            if (hours is not (>= 1 and <= MaxHours))
            {
                check.Add("hours", $"For how many hours, 1 to {MaxHours}.");
            }

            if (string.IsNullOrWhiteSpace(reason) || reason.Length > FraudRule.MaxReasonLength)
            {
                check.Add("reason", $"Why, in at most {FraudRule.MaxReasonLength} characters.");
            }

            if (!check.IsValid)
            {
                return check.ToError();
            }

            var rule = await db.Set<FraudRule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, token);
            if (rule is null)
            {
                return new NotFound("rule version", id.ToString());
            }

            if (rule.Status != RuleStatus.Live)
            {
                return new Conflict($"Only a live rule can be snoozed; this version is {FraudRule.Words(rule.Status)}.");
            }

            var snooze = new FraudRuleSnooze(Guid.CreateVersion7(clock.GetUtcNow()), rule.RuleId, subject!.Value, key!.Trim(), Now.AddHours(hours!.Value),
                reason!.Trim(), actor, Now);
            db.Add(snooze);
            unitOfWork.AfterCommit(liveRules.AnnounceAsync);
            audit.Record(actor, "fraud.rule.snoozed", RuleBook.Subject(rule), $"{snooze.Subject} {snooze.Key} until {snooze.Until:O}: {snooze.Reason}");
            return SnoozeView.Of(snooze, rule.Name);
        }, ct, "The rule");

    /// <summary>Ends a running snooze now: the rule decides the customer's or device's next order again.</summary>
    public Task<Outcome<SnoozeView>> EndAsync(Guid snoozeId, string actor, CancellationToken ct) =>
        unitOfWork.RunAsync<SnoozeView>(async token =>
        {
            if (await db.Set<FraudRuleSnooze>().SingleOrDefaultAsync(s => s.Id == snoozeId, token) is not { } snooze)
            {
                return new NotFound("snooze", snoozeId.ToString());
            }

            if (snooze.Until <= Now)
            {
                return new Conflict($"The snooze already ended at {snooze.Until:yyyy-MM-dd HH:mm} UTC.");
            }

            snooze.End(Now);
            var rule = await db.Set<FraudRule>().AsNoTracking().Where(r => r.RuleId == snooze.RuleId).OrderByDescending(r => r.Version).FirstAsync(token);
            unitOfWork.AfterCommit(liveRules.AnnounceAsync);
            audit.Record(actor, "fraud.rule.snooze-ended", RuleBook.Subject(rule), $"{snooze.Subject} {snooze.Key}, set by {snooze.By}");
            return SnoozeView.Of(snooze, rule.Name);
        }, ct, "The snooze");
}

using Ombud.Platform;

namespace Ombud.Fraud.Rules;

/// <summary>What a live rule does to an order it holds for.</summary>
public enum RuleAction
{
    /// <summary>Send the order to a person.</summary>
    Review,

    /// <summary>Decline the order.</summary>
    Decline,

    /// <summary>Approve the order whatever the model and the built-in rules say (an analyst's decline still wins).</summary>
    ApproveOverride,
}

/// <summary>Where one version of a rule stands: drafted, waiting for a second person, live, or done with.</summary>
public enum RuleStatus
{
    Draft,
    AwaitingApproval,
    Live,
    Rejected,
    Disabled,

    /// <summary>A later version of the same rule went live.</summary>
    Superseded,
}

/// <summary>
/// One version of an analyst's rule. Each edit is a new version of the same <see cref="RuleId"/>; a version goes
/// live only when a second person approves it (maker-checker), and then the version live before it is superseded.
/// </summary>
public sealed class FraudRule
{
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 300;

    private FraudRule()
    {
    }

    internal FraudRule(Guid id, Guid ruleId, int version, string name, string expression, RuleAction action, string reason, string draftedBy, DateTime at)
    {
        (Id, RuleId, Version, Name, Expression, Action, Reason, DraftedBy, DraftedAt) = (id, ruleId, version, name, expression, action, reason, draftedBy, at);
        Status = RuleStatus.Draft;
    }

    public Guid Id { get; private set; }

    /// <summary>The rule across its versions.</summary>
    public Guid RuleId { get; private set; }

    public int Version { get; private set; }

    public string Name { get; private set; } = "";

    public string Expression { get; private set; } = "";

    public RuleAction Action { get; private set; }

    /// <summary>Words an analyst and a regulator read among a decision's reasons when the rule holds.</summary>
    public string Reason { get; private set; } = "";

    public RuleStatus Status { get; private set; }

    public string DraftedBy { get; private set; } = "";

    public DateTime DraftedAt { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    public string? DisabledBy { get; private set; }

    public DateTime? DisabledAt { get; private set; }

    internal DomainError? Submit(string actor, DateTime at)
    {
        if (Status != RuleStatus.Draft)
        {
            return new Conflict($"Only a draft can be sent for approval; this version is {Words(Status)}.");
        }

        if (actor != DraftedBy)
        {
            return new Forbidden("Only the person who drafted this version can send it for approval.");
        }

        (Status, SubmittedAt) = (RuleStatus.AwaitingApproval, at);
        return null;
    }

    /// <summary>Why <paramref name="actor"/> may not approve or reject this version, or null.</summary>
    internal DomainError? RefusalToDecide(string actor)
    {
        if (Status != RuleStatus.AwaitingApproval)
        {
            return new Conflict($"Only a version waiting for approval can be approved or rejected; this one is {Words(Status)}.");
        }

        return actor == DraftedBy
            ? new Forbidden("A rule goes live only with a second person's approval: whoever drafted it cannot approve or reject it.")
            : null;
    }

    internal void Approve(string actor, string? note, DateTime at) => (Status, DecidedBy, DecisionNote, DecidedAt) = (RuleStatus.Live, actor, note, at);

    internal void Reject(string actor, string? note, DateTime at) => (Status, DecidedBy, DecisionNote, DecidedAt) = (RuleStatus.Rejected, actor, note, at);

    internal void Supersede() => Status = RuleStatus.Superseded;

    internal DomainError? Disable(string actor, DateTime at)
    {
        if (Status != RuleStatus.Live)
        {
            return new Conflict($"Only a live rule can be disabled; this version is {Words(Status)}.");
        }

        (Status, DisabledBy, DisabledAt) = (RuleStatus.Disabled, actor, at);
        return null;
    }

    public static string Words(RuleStatus status) => status switch
    {
        RuleStatus.AwaitingApproval => "waiting for approval",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>Whom a snooze spares: one customer or one device.</summary>
public enum SnoozeSubject
{
    Customer,
    Device,
}

/// <summary>A live rule set aside for one customer or device until a time (a known good customer on a new phone).</summary>
public sealed class FraudRuleSnooze
{
    public const int MaxKeyLength = 200;

    private FraudRuleSnooze()
    {
    }

    internal FraudRuleSnooze(Guid id, Guid ruleId, SnoozeSubject subject, string key, DateTime until, string reason, string by, DateTime at) =>
        (Id, RuleId, Subject, Key, Until, Reason, By, At) = (id, ruleId, subject, key, until, reason, by, at);

    public Guid Id { get; private set; }

    public Guid RuleId { get; private set; }

    public SnoozeSubject Subject { get; private set; }

    /// <summary>The customer's id or the device's fingerprint.</summary>
    public string Key { get; private set; } = "";

    public DateTime Until { get; private set; }

    public string Reason { get; private set; } = "";

    public string By { get; private set; } = "";

    public DateTime At { get; private set; }

    /// <summary>Ends the snooze early: from <paramref name="at"/> the rule applies again.</summary>
    internal void End(DateTime at) => Until = at;
}

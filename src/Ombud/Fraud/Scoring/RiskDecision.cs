using System.Text.Json;

namespace Ombud.Fraud.Scoring;

public enum RiskOutcome
{
    Approve,
    Review,
    Decline,
}

/// <summary>What asked for the decision.</summary>
public enum RiskTrigger
{
    OrderPlaced,
    OnDemand,
}

/// <summary>One reason behind a decision: a stable code (a feature's or rule's name) and words an analyst can read.</summary>
public sealed record RiskReason(string Code, string Text);

/// <summary>
/// A risk decision on an order, as stored in <c>fraud_decisions</c>: the outcome, the score, the reasons and what the
/// decision rested on (which model, or rules only), so an analyst or a regulator can see later why it went so.
/// </summary>
public sealed class FraudDecision
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private FraudDecision()
    {
    }

    public FraudDecision(Guid id, Guid orderId, Guid customerId, RiskOutcome outcome, double score, IReadOnlyList<RiskReason> reasons, string basis,
        RiskTrigger trigger, DateTime decidedAt)
    {
        Id = id;
        OrderId = orderId;
        CustomerId = customerId;
        Outcome = outcome;
        Score = score;
        ReasonsJson = JsonSerializer.Serialize(reasons, Json);
        Basis = basis;
        Trigger = trigger;
        DecidedAt = decidedAt;
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid CustomerId { get; private set; }

    public RiskOutcome Outcome { get; private set; }

    /// <summary>The fraud probability the decision rested on, 0 to 1 (a model's score, not money).</summary>
    public double Score { get; private set; }

    public string ReasonsJson { get; private set; } = "[]";

    public IReadOnlyList<RiskReason> Reasons => JsonSerializer.Deserialize<List<RiskReason>>(ReasonsJson, Json) ?? [];

    /// <summary>"model trained … on …" or "rules only".</summary>
    public string Basis { get; private set; } = "";

    public RiskTrigger Trigger { get; private set; }

    public DateTime DecidedAt { get; private set; }
}

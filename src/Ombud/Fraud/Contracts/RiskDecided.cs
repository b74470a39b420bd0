namespace Ombud.Fraud.Contracts;

/// <summary>
/// An order was risk-scored: approve, review or decline, with the score (a fraud probability from 0 to 1) and the
/// reasons in words. Published in the decision's own transaction.
/// </summary>
public sealed record RiskDecided(Guid DecisionId, Guid OrderId, Guid CustomerId, string Outcome, double Score, IReadOnlyList<string> Reasons,
    string Basis, string Trigger, DateTime DecidedAt)
{
    public const string Type = "risk.decided";
    public const int Version = 1;
}

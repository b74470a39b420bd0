using Ombud.Platform.Storage;
using static Ombud.Platform.Storage.RowColumn;

namespace Ombud.Fraud.Scoring;

/// <summary>
/// A decision asked on demand as the row it writes, staged for the unit of work's one round trip instead of EF Core's
/// change tracking: the risk endpoint's hot path. Its <c>risk.decided</c> event, audit entry and (for a keyed request)
/// idempotency record then join the staged rows too. The same columns as the EF model; a test holds them to it.
/// </summary>
internal static class DecisionRows
{
    public static readonly RowTable Decisions = new("fraud_decisions",
        Id("Id"), Id("OrderId"), Id("CustomerId"), Text("Outcome"), Real("Score"), Text("ReasonsJson"), Text("Basis"), Text("Trigger"),
        Instant("DecidedAt"));

    public static void Stage(this StagedRows rows, FraudDecision d) =>
        rows.Add(Decisions, d.Id, d.OrderId, d.CustomerId, d.Outcome.ToString(), d.Score, d.ReasonsJson, d.Basis, d.Trigger.ToString(), d.DecidedAt);
}

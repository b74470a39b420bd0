using Ombud.Platform;

namespace Ombud.Disputes;

/// <summary>
/// The state machine's table: which moves each state allows. The entity asks it before every move, and the refusal
/// names the current state and the moves allowed now, so a caller out of step learns what it can do instead.
/// </summary>
internal static class DisputeMoves
{
    private static readonly Dictionary<DisputeState, DisputeMove[]> Allowed = new()
    {
        [DisputeState.Reported] = [DisputeMove.RegisterReturn, DisputeMove.AddInformation, DisputeMove.MessageShopper, DisputeMove.RefundInStore,
            DisputeMove.MarkSettled, DisputeMove.DeclineSettlement, DisputeMove.Withdraw, DisputeMove.Escalate],
        [DisputeState.Initiated] = [DisputeMove.AcceptLoss, DisputeMove.SubmitEvidence, DisputeMove.AddInformation, DisputeMove.Withdraw, DisputeMove.ExpireMerchantDeadline],
        [DisputeState.Representment] = [DisputeMove.Decide, DisputeMove.AddInformation, DisputeMove.Withdraw],
        [DisputeState.PreArbitration] = [DisputeMove.Appeal, DisputeMove.Close, DisputeMove.AddInformation, DisputeMove.Withdraw],
        [DisputeState.Arbitration] = [DisputeMove.Decide, DisputeMove.AddInformation, DisputeMove.Withdraw],
        [DisputeState.Closed] = [],
    };

    public static IReadOnlyList<DisputeMove> AllowedIn(DisputeState state) => Allowed[state];

    /// <summary>Null when <paramref name="move"/> is allowed in <paramref name="state"/>; otherwise the refusal.</summary>
    public static Conflict? Refusal(DisputeMove move, DisputeState state)
    {
        if (Allowed[state].Contains(move))
        {
            return null;
        }

        var whileIn = string.Join(" or ", Allowed.Where(kv => kv.Value.Contains(move)).Select(kv => Describe(kv.Key)));
        var now = Allowed[state].Length == 0 ? "nothing, it is final" : string.Join(", ", Allowed[state].Select(Name));
        return new Conflict($"{Phrase(move)} while the dispute is {whileIn} (it is {Describe(state)}); allowed now: {now}.");
    }

    public static string Name(DisputeMove move) => move switch
    {
        DisputeMove.RegisterReturn => "register return",
        DisputeMove.AddInformation => "add information",
        DisputeMove.MarkSettled => "mark settled",
        DisputeMove.AcceptLoss => "accept loss",
        DisputeMove.SubmitEvidence => "submit evidence",
        DisputeMove.ExpireMerchantDeadline => "expire merchant deadline",
        DisputeMove.RaiseHighRisk => "raise high risk",
        DisputeMove.DecideLiability => "decide liability",
        DisputeMove.MessageShopper => "message shopper",
        DisputeMove.RefundInStore => "refund in store",
        DisputeMove.DeclineSettlement => "decline settlement",
        _ => move.ToString().ToLowerInvariant(),
    };

    public static string Describe(DisputeState state) => state switch
    {
        DisputeState.Reported => "reported",
        DisputeState.Initiated => "initiated",
        DisputeState.Representment => "in representment",
        DisputeState.PreArbitration => "in pre-arbitration",
        DisputeState.Arbitration => "in arbitration",
        _ => "closed",
    };

    private static string Phrase(DisputeMove move) => move switch
    {
        DisputeMove.RegisterReturn => "A return can only be registered",
        DisputeMove.AddInformation => "Information can only be added",
        DisputeMove.MarkSettled => "A report can only be marked settled with the store",
        DisputeMove.Withdraw => "A dispute can only be withdrawn",
        DisputeMove.Escalate => "A report can only be escalated",
        DisputeMove.AcceptLoss => "A loss can only be accepted",
        DisputeMove.SubmitEvidence => "Evidence can only be submitted",
        DisputeMove.Decide => "A decision can only be made",
        DisputeMove.Appeal => "An appeal can only be made",
        DisputeMove.Close => "A dispute can only be closed without appeal",
        DisputeMove.ExpireMerchantDeadline => "The merchant's deadline can only expire",
        DisputeMove.MessageShopper => "The store can only message the shopper here",
        DisputeMove.RefundInStore => "The store can only refund here to settle",
        DisputeMove.DeclineSettlement => "The store's offer can only be declined",
        _ => $"{move} can only happen",
    };
}

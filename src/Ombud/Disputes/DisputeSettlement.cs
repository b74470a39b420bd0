using Ombud.Platform;

namespace Ombud.Disputes;

/// <summary>
/// The store period is for settling: the store may write to the shopper and refund all or part of what is disputed;
/// the shopper then settles (<see cref="MarkSettled"/>) or goes on (<see cref="DeclineSettlement"/>), and the
/// provider asks the store for its side at once.
/// </summary>
public sealed partial class Dispute
{
    /// <summary>What the store refunded itself in the store period.</summary>
    public Money StoreRefunded => new(StoreRefundedMinor, Currency);

    /// <summary>What the store may still refund in the store period: the disputed amount less its earlier refunds here.</summary>
    public Money StoreRefundable => new(DisputedMinor - StoreRefundedMinor, Currency);

    /// <summary>Whether the store has answered the shopper in the store period, with words or money.</summary>
    public bool StoreAnswered => _transitions.Any(t => IsStoreAnswer(t.Move));

    /// <summary>The store's answers in the store period: a message or a refund.</summary>
    internal static bool IsStoreAnswer(DisputeMove move) => move is DisputeMove.MessageShopper or DisputeMove.RefundInStore;

    internal Outcome<Dispute> MessageShopper(string text, string actor, DateTime at) =>
        DisputeMoves.Refusal(DisputeMove.MessageShopper, State) is { } refused
            ? refused
            : MoveTo(DisputeMove.MessageShopper, State, actor, at, text);

    /// <summary>
    /// The store refunds <paramref name="amount"/> now: never more than it has left of the disputed amount, nor more
    /// than the order can still be refunded (<paramref name="refundableOnOrder"/>: earlier refunds count). The caller
    /// moves the money as an ordinary refund in the same unit of work.
    /// </summary>
    internal Outcome<Dispute> RefundInStore(Money amount, Money refundableOnOrder, string? message, string actor, DateTime at)
    {
        if (DisputeMoves.Refusal(DisputeMove.RefundInStore, State) is { } refused)
        {
            return refused;
        }

        if (amount.Currency != Currency)
        {
            return Invalid.Field("amount", $"The dispute is in {Currency}; a refund on it must be too.");
        }

        if (amount.Minor <= 0)
        {
            return Invalid.Field("amount", "A refund must be more than nothing.");
        }

        var most = Math.Min(StoreRefundable.Minor, refundableOnOrder.Minor);
        if (amount.Minor > most)
        {
            return Invalid.Field("amount", most <= 0
                ? "Nothing is left to refund on this dispute."
                : $"At most {new Money(most, Currency)} can be refunded: what is disputed ({Disputed}) less what you refunded on it "
                  + $"({StoreRefunded}), and never more than the order can still be refunded ({refundableOnOrder}).");
        }

        StoreRefundedMinor += amount.Minor;
        var note = message is null ? $"Refunded {amount}." : $"Refunded {amount}. {message}";
        return MoveTo(DisputeMove.RefundInStore, State, actor, at, note);
    }

    /// <summary>
    /// The shopper does not settle on what the store offered: the provider investigates now rather than at the end of
    /// the store period, and the store's clock to answer starts. Only once the store has answered: before that, the
    /// shopper waits for it (or withdraws).
    /// </summary>
    internal Outcome<Dispute> DeclineSettlement(string actor, DisputeClock clock, DateTime at, string? note)
    {
        if (DisputeMoves.Refusal(DisputeMove.DeclineSettlement, State) is { } refused)
        {
            return refused;
        }

        if (!StoreAnswered)
        {
            return new Conflict($"The store has not answered yet; if it does not settle by {StoreResolutionDeadline:u}, Ombud investigates then.");
        }

        return Investigate(DisputeMove.DeclineSettlement, actor, clock, at, note);
    }
}

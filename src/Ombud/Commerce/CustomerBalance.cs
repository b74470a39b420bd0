using Ombud.Platform;

namespace Ombud.Commerce;

/// <summary>
/// Where a customer stands in one currency: what they still owe on their plans, what of it is overdue, and what the
/// provider owes them (refunds of money already paid, overpayments).
/// </summary>
public sealed record CustomerBalance(Money Outstanding, Money Overdue, Money Credit)
{
    public Money Net => Outstanding - Credit;
}

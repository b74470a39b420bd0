using Ombud.Platform;

namespace Ombud.Commerce;

/// <summary>Money the merchant gives back on an order (a return, a cancellation, a price correction).</summary>
public sealed class Refund
{
    private Refund()
    {
    }

    public Refund(Guid id, string? externalId, Order order, Money amount, string reason, DateTime createdAt)
    {
        Id = id;
        ExternalId = externalId;
        OrderId = order.Id;
        CustomerId = order.CustomerId;
        AmountMinor = amount.Minor;
        Currency = amount.Currency;
        Reason = reason;
        CreatedAt = createdAt;
        var onPlan = order.Plan.ApplyRefund(amount);
        ReducedScheduleMinor = onPlan.ReducedScheduleMinor;
        InterestForgivenMinor = onPlan.InterestForgivenMinor;
        ReturnedToCustomerMinor = onPlan.ReturnedToCustomerMinor;
    }

    public Guid Id { get; private set; }

    public string? ExternalId { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid CustomerId { get; private set; }

    public long AmountMinor { get; private set; }

    public string Currency { get; private set; } = "";

    public Money Amount => new(AmountMinor, Currency);

    public string Reason { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    /// <summary>Interest of a financing plan given up with the refunded principal (zero on interest-free plans).</summary>
    public long InterestForgivenMinor { get; private set; }

    /// <summary>What came off instalments not yet paid: the refund plus forgiven interest, less what went back to the customer.</summary>
    public long ReducedScheduleMinor { get; private set; }

    /// <summary>What the customer had already paid and is owed back.</summary>
    public long ReturnedToCustomerMinor { get; private set; }

    /// <summary>Erasure: the reason is free text and may name the customer; the amounts stay.</summary>
    internal void Pseudonymise(string removed) => Reason = removed;
}

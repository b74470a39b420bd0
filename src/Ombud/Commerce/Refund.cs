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
        ReturnedToCustomerMinor = order.Plan.ApplyRefund(amount).Minor;
        ReducedScheduleMinor = AmountMinor - ReturnedToCustomerMinor;
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

    /// <summary>The part that came off instalments not yet paid.</summary>
    public long ReducedScheduleMinor { get; private set; }

    /// <summary>The part the customer had already paid and is owed back.</summary>
    public long ReturnedToCustomerMinor { get; private set; }
}

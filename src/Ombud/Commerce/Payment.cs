using Ombud.Platform;

namespace Ombud.Commerce;

/// <summary>Money received from the customer towards an order's plan.</summary>
public sealed class Payment
{
    private Payment()
    {
    }

    public Payment(Guid id, string? externalId, Order order, Money amount, PaymentMethod method, DateTime receivedAt)
    {
        Id = id;
        ExternalId = externalId;
        OrderId = order.Id;
        CustomerId = order.CustomerId;
        AmountMinor = amount.Minor;
        Currency = amount.Currency;
        Method = method;
        ReceivedAt = receivedAt;
        OverpaidMinor = order.Plan.ApplyPayment(amount, DateOnly.FromDateTime(receivedAt)).Minor;
    }

    public Guid Id { get; private set; }

    public string? ExternalId { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid CustomerId { get; private set; }

    public long AmountMinor { get; private set; }

    public string Currency { get; private set; } = "";

    public Money Amount => new(AmountMinor, Currency);

    public PaymentMethod Method { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    /// <summary>The part of the payment that found nothing left to pay (a double charge, say): owed back to the customer.</summary>
    public long OverpaidMinor { get; private set; }
}

public enum PaymentMethod
{
    Card,
    BankTransfer,
    DirectDebit,
}

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// The ground truth the demo world planted: which orders are fraud of which kind, and which are problem orders.
/// Kept in a table of its own that no API or page reads, so models and rules can be scored against it honestly.
/// </summary>
public sealed class DemoLabel
{
    private DemoLabel()
    {
    }

    public DemoLabel(Guid id, Guid orderId, Guid customerId, DemoLabelKind kind, string? group)
    {
        Id = id;
        OrderId = orderId;
        CustomerId = customerId;
        Kind = kind;
        Group = group;
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid CustomerId { get; private set; }

    public DemoLabelKind Kind { get; private set; }

    /// <summary>Ties the orders of one planted pattern together, e.g. all orders of one fraud ring.</summary>
    public string? Group { get; private set; }
}

public enum DemoLabelKind
{
    StolenIdentity,
    AccountTakeover,
    FraudRing,
    FriendlyFraud,
    NotDelivered,
    Faulty,
    DoubleCharge,
}

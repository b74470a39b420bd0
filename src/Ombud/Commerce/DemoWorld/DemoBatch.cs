namespace Ombud.Commerce.DemoWorld;

/// <summary>The rows a slice of customers brings into the world, written in one round trip and then forgotten.</summary>
internal sealed class DemoBatch
{
    public List<Customer> Customers { get; } = [];

    public List<Order> Orders { get; } = [];

    public List<Payment> Payments { get; } = [];

    public List<Refund> Refunds { get; } = [];

    public List<DemoLabel> Labels { get; } = [];
}

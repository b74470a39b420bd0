using System.Globalization;

namespace Ombud.Commerce.DemoWorld;

/// <summary>What a seeding run wrote, for the operator who ran it.</summary>
internal sealed class DemoWorldSummary
{
    private readonly SortedDictionary<DemoLabelKind, (int Orders, HashSet<Guid> Customers)> _labels = [];

    public int Customers { get; private set; }

    public int Merchants { get; set; }

    public int Orders { get; private set; }

    public int Payments { get; private set; }

    public int Refunds { get; private set; }

    public int LabelledOrders { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public void Add(DemoBatch batch)
    {
        Customers += batch.Customers.Count;
        Orders += batch.Orders.Count;
        Payments += batch.Payments.Count;
        Refunds += batch.Refunds.Count;
        LabelledOrders += batch.Labels.Count;
        foreach (var label in batch.Labels)
        {
            if (!_labels.TryGetValue(label.Kind, out var tally))
            {
                tally = (0, []);
            }

            tally.Customers.Add(label.CustomerId);
            _labels[label.Kind] = (tally.Orders + 1, tally.Customers);
        }
    }

    public IEnumerable<string> Lines(DemoWorldSettings settings)
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"Seeded a demo world of {Customers:N0} customers (seed {settings.Seed}, as of {settings.AsOf:yyyy-MM-dd}) in {Elapsed.TotalSeconds:0.0} s:");
        yield return string.Create(c, $"  merchants {Merchants:N0}, orders {Orders:N0}, payments {Payments:N0}, refunds {Refunds:N0}");
        yield return string.Create(c, $"  labelled orders (ground truth in commerce_demo_labels): {LabelledOrders:N0}");
        foreach (var (kind, (orders, customers)) in _labels)
        {
            yield return string.Create(c, $"    {kind,-16} {orders,6:N0} orders of {customers.Count:N0} customers");
        }
    }
}

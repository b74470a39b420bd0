namespace Ombud.Commerce.DemoWorld;

/// <summary>The ordinary life of a customer: a handful of orders over the year, from the stores they like.</summary>
internal sealed class DemoHistory(DemoRandom random, DemoWorldSettings settings, DemoMerchants merchants, DemoOrders orders)
{
    // Orders a customer places in a year: several on average (about 4.1), a long tail of keen shoppers.
    private static readonly IReadOnlyList<(int Orders, int Weight)> OrdersPerYear =
        [(1, 18), (2, 17), (3, 15), (4, 13), (5, 10), (6, 8), (7, 6), (8, 5), (9, 3), (10, 2), (11, 2), (12, 1)];

    /// <summary>How many orders a customer whose account opened at <paramref name="accountCreatedAt"/> placed in the window.</summary>
    public int OrderCount(DateTime accountCreatedAt, int atLeast = 1)
    {
        var perYear = random.PickWeighted(OrdersPerYear);
        var days = accountCreatedAt <= settings.WindowStart ? 365 : (int)(settings.Now - accountCreatedAt).TotalDays;
        return Math.Max(atLeast, perYear * days / 365);
    }

    /// <summary>When an account opened: most before the window (up to six years back), the rest new this year.</summary>
    public DateTime AccountCreatedAt(bool established = false) => established || random.Percent(72)
        ? random.Between(settings.WindowStart.AddDays(-6 * 365), settings.WindowStart)
        : random.Between(settings.WindowStart, settings.Now.AddDays(-2));

    /// <summary>Places <paramref name="count"/> orders at the shopper's usual stores between two moments, in time order.</summary>
    public void Live(DemoShopper shopper, DateTime from, DateTime to, int count, DemoBatch batch)
    {
        var start = from > shopper.Customer.AccountCreatedAt ? from : shopper.Customer.AccountCreatedAt.AddMinutes(5);
        var moments = new List<DateTime>(count);
        for (var i = 0; i < count; i++)
        {
            moments.Add(Moment(start, to));
        }

        moments.Sort();
        foreach (var placedAt in moments)
        {
            orders.Place(new OrderSpec(shopper, merchants.PickFor(shopper.Market), placedAt), batch);
        }
    }

    /// <summary>A shopping moment between two others: a day, then an hour of the day people shop at.</summary>
    public DateTime Moment(DateTime from, DateTime to)
    {
        if (to <= from)
        {
            return from;
        }

        var day = random.Between(from.Date, to.Date).Date;
        var at = DateTime.SpecifyKind(day, DateTimeKind.Utc) + random.ShoppingHour();
        return at < from ? from.AddMinutes(random.Between(1, 30)) : at >= to ? to.AddMinutes(-random.Between(1, 30)) : at;
    }

    public static DemoLabel Label(DemoRandom random, Order order, DemoLabelKind kind, string group) =>
        new(random.Id(order.PlacedAt), order.Id, order.CustomerId, kind, group);
}

using System.Globalization;
using Ombud.Platform;

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// One order to place in the world. Left empty, every choice is the shopper's usual (their store mix, their home,
/// their devices, a plan fitting the amount); a planted pattern sets the parts that make it what it is.
/// </summary>
internal sealed record OrderSpec(DemoShopper Shopper, DemoStore Store, DateTime PlacedAt)
{
    public IReadOnlyList<DemoProduct>? Products { get; init; }

    public Address? ShipTo { get; init; }

    public string? Device { get; init; }

    public string? Ip { get; init; }

    public string? Phone { get; init; }

    /// <summary>The card paid with; the shopper's own when left out.</summary>
    public PaymentInstrument? Instrument { get; init; }

    public SalesChannel? Channel { get; init; }

    public PlanKind? Plan { get; init; }

    public Fate Fate { get; init; } = Fate.Natural;

    /// <summary>How this plan gets paid; the shopper's habit decides when left out.</summary>
    public PlanConduct? Conduct { get; init; }

    /// <summary>The last payment reaches the provider twice (a retried card charge, an invoice paid by transfer and card).</summary>
    public bool ChargedTwice { get; init; }
}

/// <summary>Places orders: lines priced for the market, a payment plan, then delivery and payments up to the world's today.</summary>
internal sealed class DemoOrders(DemoRandom random, DemoFulfilment fulfilment, DemoPayments payments)
{
    private int _placed;

    public Order Place(OrderSpec spec, DemoBatch batch)
    {
        var (shopper, store, placedAt) = (spec.Shopper, spec.Store, spec.PlacedAt);
        var market = shopper.Market;
        var channel = spec.Channel ?? Channel(store);
        var lines = spec.Products is { } products
            ? products.Select(p => Line(market, store, p, 1)).ToList()
            : Lines(market, store);
        var goodsMinor = lines.Sum(l => l.TotalMinor);
        var shippingMinor = channel == SalesChannel.InStore ? 0 : store.Category.Delivery switch
        {
            Delivery.Electronic => 0,
            Delivery.Freight => market.ShippingFeeMinor * 10,
            _ => goodsMinor >= market.FreeShippingFromMinor ? 0 : market.ShippingFeeMinor,
        };
        var shipTo = spec.ShipTo ?? (shopper.Other is not null && random.Percent(12) ? shopper.Other : shopper.Home);
        var device = spec.Device ?? (channel == SalesChannel.Web ? random.Pick(shopper.Devices) : shopper.Devices[0]);
        var ip = spec.Ip ?? channel switch
        {
            SalesChannel.App => shopper.MobileIp(random),
            SalesChannel.InStore => null,
            _ => shopper.HomeIp,
        };
        var contact = new OrderContact(shopper.Customer.Email, spec.Phone ?? shopper.Customer.Phone, device, ip);
        _placed++;
        var order = new Order(random.Id(placedAt), string.Create(CultureInfo.InvariantCulture, $"demo-ord-{_placed:D7}"), shopper.Customer.Id,
            store.Merchant.Id, placedAt, market.Currency, lines, shippingMinor, shopper.Home with { }, shipTo with { }, contact, channel,
            spec.Instrument ?? DemoCards.Of(shopper.Customer));

        var (kind, months, apr) = Plan(order, market, spec.Plan);
        order.AttachPlan(PaymentPlan.Schedule(random.Id(placedAt), order, kind, months, apr, placedAt));

        var refund = fulfilment.Fulfil(order, store, market, channel, spec.Fate);
        var conduct = spec.Conduct ?? PlanConduct.From(shopper.Habit, order.Plan, random);
        payments.Live(order, shopper, conduct, refund, spec.ChargedTwice, batch);
        batch.Orders.Add(order);
        return order;
    }

    private SalesChannel Channel(DemoStore store) => store.Category.Delivery == Delivery.Electronic
        ? random.PickWeighted<SalesChannel>([(SalesChannel.Web, 60), (SalesChannel.App, 40)])
        : random.PickWeighted<SalesChannel>([(SalesChannel.Web, 55), (SalesChannel.App, 40), (SalesChannel.InStore, 5)]);

    private List<OrderLine> Lines(DemoMarket market, DemoStore store)
    {
        var products = store.Category.Products;
        var count = store.Category.Delivery is Delivery.Electronic or Delivery.Groceries
            ? 1
            : random.PickWeighted<int>([(1, 65), (2, 25), (3, 10)]);
        var chosen = new List<int>(count);
        while (chosen.Count < Math.Min(count, products.Count))
        {
            var pick = random.Next(products.Count);
            if (!chosen.Contains(pick))
            {
                chosen.Add(pick);
            }
        }

        return [.. chosen.Select(p => Line(market, store, products[p], products[p].EuroCents < 6_000 ? random.PickWeighted<int>([(1, 70), (2, 20), (3, 10)]) : 1))];
    }

    private OrderLine Line(DemoMarket market, DemoStore store, DemoProduct product, int quantity)
    {
        var index = store.Category.Products.Select((p, i) => (p, i)).FirstOrDefault(x => x.p == product).i;

        // Prices vary by store and season, from 15 % under to 25 % over the catalogue price.
        var euroCents = product.EuroCents * random.Between(17, 25) * 5 / 100;
        var sku = string.Create(CultureInfo.InvariantCulture, $"{store.Category.SkuPrefix}{index + 1:D2}-{store.Number:D4}-{random.Letters(2)}");
        return new OrderLine(sku, product.Description, quantity, market.ShelfPriceMinor(euroCents));
    }

    /// <summary>
    /// Financing for about three in ten orders big enough for it (6, 12 or 24 months; the 6-month offer interest-free,
    /// the longer ones at 19.90 % or as a 0 % campaign); otherwise pay in 4 or, less often, pay in 30 days.
    /// </summary>
    private (PlanKind Kind, int Months, int AprBasisPoints) Plan(Order order, DemoMarket market, PlanKind? wanted)
    {
        var kind = wanted ?? (order.TotalMinor >= market.FinancingFromMinor && random.Percent(30)
            ? PlanKind.Financing
            : random.PickWeighted<PlanKind>([(PlanKind.PayIn4, 60), (PlanKind.PayIn30Days, 40)]));
        if (kind != PlanKind.Financing)
        {
            return (kind, 0, 0);
        }

        var months = random.PickWeighted<int>([(6, 30), (12, 45), (24, 25)]);
        var apr = months == 6 || random.Percent(30) ? 0 : 1990;
        return (kind, months, apr);
    }
}

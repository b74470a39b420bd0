using Ombud.Bench.Ingest.Api;
using Ombud.Bench.Ingest.Seeding;

namespace Ombud.Bench.Ingest.Fakes;

/// <summary>
/// Orders shaped like a real book: mostly single-item baskets in the customer's own currency, mostly shipped home
/// from a known device, with the occasional gift address, unknown device or café network to keep risk code honest.
/// </summary>
internal sealed class OrderFaker(World world, IReadOnlyList<string> plans)
{
    private static readonly IReadOnlyList<(int Item, int Weight)> LineCounts = [(1, 60), (2, 30), (3, 10)];
    private static readonly IReadOnlyList<(int Item, int Weight)> Quantities = [(1, 80), (2, 15), (3, 5)];

    /// <summary>Web and app only: in-store BNPL is a different checkout the ingest path does not care about.</summary>
    private static readonly IReadOnlyList<(string Item, int Weight)> Channels = [("web", 70), ("app", 30)];

    public OrderPayload Create(Random random, long sequence)
    {
        var customer = random.Pick(world.Customers);
        var merchant = random.Pick(world.Merchants);
        var market = customer.Market;

        var lineCount = random.Weighted(LineCounts);
        var lines = new OrderLinePayload[lineCount];
        for (var i = 0; i < lineCount; i++)
        {
            var product = random.Pick(merchant.Category.Products);
            lines[i] = new OrderLinePayload(product.Sku, product.Description, random.Weighted(Quantities), market.Price(product.EuroCents));
        }

        var plan = random.Pick(plans);
        var (months, apr) = PaymentPlans.Terms(random, plan);
        return new OrderPayload(
            ExternalId: $"bench-{world.RunId}-o-{sequence}",
            CustomerId: customer.Id,
            MerchantId: merchant.Id,
            Currency: market.Currency,
            Lines: lines,
            ShippingFee: random.Chance(0.4) ? 0 : market.StandardShippingFee,
            BillingAddress: customer.Home,
            ShippingAddress: random.Chance(0.85) ? customer.Home : CustomerFaker.Address(random, market),
            Email: customer.Email,
            Phone: customer.Phone,
            DeviceFingerprint: random.Chance(0.9) ? random.Pick(customer.Devices) : "dev-" + random.Hex(16),
            IpAddress: random.Chance(0.8) ? customer.IpAddress : $"{random.Pick(market.IpPrefixes)}.{random.Next(0, 256)}.{random.Next(1, 255)}",
            Channel: random.Weighted(Channels),
            Plan: plan,
            FinancingMonths: months,
            AprBasisPoints: apr);
    }
}

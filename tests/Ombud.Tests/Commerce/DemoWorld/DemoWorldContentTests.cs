using Ombud.Commerce;
using Ombud.Commerce.DemoWorld;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.DemoWorld;

/// <summary>What the demo world holds: every market and plan, and every planted pattern with its signals and its label.</summary>
public sealed class DemoWorldContentTests
{
    [Fact]
    public async Task Every_market_and_every_plan_type_is_there()
    {
        await using var app = await DemoWorldTesting.StartSeededAsync(Provider.Sqlite);
        var world = await DemoWorldTesting.ReadAsync(app);

        var markets = new Dictionary<string, (string Country, string Currency, string Locale)>
        {
            ["SE"] = ("SE", "SEK", "sv-SE"), ["DE"] = ("DE", "EUR", "de-DE"), ["UK"] = ("GB", "GBP", "en-GB"), ["US"] = ("US", "USD", "en-US"),
        };
        Assert.Equal(markets.Keys.Order(), world.Customers.Select(c => c.Market).Distinct().Order());
        Assert.All(world.Customers, c =>
        {
            var (country, currency, locale) = markets[c.Market];
            Assert.Equal(country, c.Address!.Country);
            Assert.Equal(locale, c.Locale);
            Assert.All(world.Orders.Where(o => o.CustomerId == c.Id), o => Assert.Equal(currency, o.Currency));
        });
        Assert.Equal(Enum.GetValues<PlanKind>().Order(), world.Orders.Select(o => o.Plan.Kind).Distinct().Order());
        var byKind = world.Orders.GroupBy(o => o.Plan.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byKind[PlanKind.PayIn4] > byKind[PlanKind.PayIn30Days] && byKind[PlanKind.PayIn4] > byKind[PlanKind.Financing], "pay in 4 is the most common plan");
        Assert.Subset(new HashSet<int> { 6, 12, 24 }, world.Orders.Where(o => o.Plan.Kind == PlanKind.Financing).Select(o => o.Plan.Instalments.Count).ToHashSet());
        Assert.Contains(world.Orders, o => o.Plan.Kind == PlanKind.Financing && o.Plan.AprBasisPoints == 1990);
        Assert.Contains(world.Orders, o => o.Plan.Kind == PlanKind.Financing && o.Plan.AprBasisPoints == 0);
        Assert.Equal(["4722", "5411", "5651", "5712", "5732", "5941", "5942", "5977"], world.Merchants.Select(m => m.CategoryCode).Distinct().Order());
        Assert.Contains(world.Orders, o => o.Status == OrderStatus.Returned);
        Assert.Contains(world.Orders, o => o.Status == OrderStatus.Delivered);
        Assert.NotEmpty(world.Refunds);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_planted_pattern_is_labelled_and_shows_its_signals(Provider provider)
    {
        await using var app = await DemoWorldTesting.StartSeededAsync(provider);
        var world = await DemoWorldTesting.ReadAsync(app);
        var orders = world.Orders.ToDictionary(o => o.Id);
        var customers = world.Customers.ToDictionary(c => c.Id);
        List<Order> Labelled(DemoLabelKind kind) => [.. world.Labels.Where(l => l.Kind == kind).Select(l => orders[l.OrderId])];

        Assert.Equal(Enum.GetValues<DemoLabelKind>().Order(), world.Labels.Select(l => l.Kind).Distinct().Order());
        Assert.All(world.Labels, l => Assert.Equal(orders[l.OrderId].CustomerId, l.CustomerId));
        Assert.All(world.Labels, l => Assert.False(string.IsNullOrEmpty(l.Group)));

        Assert.All(Labelled(DemoLabelKind.StolenIdentity), o =>
        {
            Assert.NotEqual(o.BillingAddress, o.ShippingAddress);
            Assert.True(o.PlacedAt - customers[o.CustomerId].AccountCreatedAt < TimeSpan.FromDays(4), "a brand-new account");
            Assert.All(world.Orders.Where(x => x.CustomerId == o.CustomerId), x => Assert.Contains(world.Labels, l => l.OrderId == x.Id));
        });
        Assert.All(Labelled(DemoLabelKind.AccountTakeover), o =>
        {
            var earlier = world.Orders.Where(x => x.CustomerId == o.CustomerId && x.PlacedAt < o.PlacedAt
                && !world.Labels.Any(l => l.OrderId == x.Id)).ToList();
            Assert.True(earlier.Count >= 3, "an old account with a history");
            Assert.DoesNotContain(earlier, x => x.DeviceFingerprint == o.DeviceFingerprint || x.IpAddress == o.IpAddress);
            Assert.DoesNotContain(earlier, x => x.ShippingAddress == o.ShippingAddress);
            Assert.Equal("5732", world.Merchants.Single(m => m.Id == o.MerchantId).CategoryCode);
        });
        Assert.All(Labelled(DemoLabelKind.FriendlyFraud), o =>
        {
            Assert.Equal(OrderStatus.Delivered, o.Status);
            Assert.NotNull(o.TrackingNumber);
            Assert.Contains(world.Orders, x => x.CustomerId == o.CustomerId && x.PlacedAt < o.PlacedAt && x.DeviceFingerprint == o.DeviceFingerprint);
        });
        Assert.All(Labelled(DemoLabelKind.NotDelivered), o =>
        {
            Assert.Equal(OrderStatus.Shipped, o.Status);
            Assert.NotNull(o.TrackingNumber);
            Assert.Null(o.DeliveredAt);
        });
        Assert.All(Labelled(DemoLabelKind.Faulty), o =>
        {
            Assert.Equal(OrderStatus.Returned, o.Status);
            Assert.NotNull(o.DeliveredAt);
            Assert.DoesNotContain(world.Refunds, r => r.OrderId == o.Id);
        });
        Assert.All(Labelled(DemoLabelKind.DoubleCharge), o => Assert.Contains(world.Payments, p => p.OrderId == o.Id && p.OverpaidMinor > 0));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_ring_shares_devices_a_drop_address_and_a_card_across_its_customers(Provider provider)
    {
        await using var app = await DemoWorldTesting.StartSeededAsync(provider);
        var world = await DemoWorldTesting.ReadAsync(app);
        var orders = world.Orders.ToDictionary(o => o.Id);

        var rings = world.Labels.Where(l => l.Kind == DemoLabelKind.FraudRing).GroupBy(l => l.Group).ToList();

        Assert.NotEmpty(rings);
        Assert.All(rings, ring =>
        {
            var ringOrders = ring.Select(l => orders[l.OrderId]).ToList();
            Assert.True(ringOrders.Select(o => o.CustomerId).Distinct().Count() >= 3, $"{ring.Key} has at least three members");
            var sharedAddress = ringOrders.GroupBy(o => o.ShippingAddress).Max(g => g.Select(o => o.CustomerId).Distinct().Count());
            var sharedDevice = ringOrders.GroupBy(o => o.DeviceFingerprint).Max(g => g.Select(o => o.CustomerId).Distinct().Count());
            Assert.True(sharedAddress >= 3 || sharedDevice >= 3, $"{ring.Key}: address shared by {sharedAddress}, device by {sharedDevice}");
            Assert.True(sharedDevice >= 2, $"{ring.Key} shares devices");
            // Nobody outside the ring uses its devices: the link is the ring's alone.
            var devices = ringOrders.Select(o => o.DeviceFingerprint).ToHashSet();
            var members = ringOrders.Select(o => o.CustomerId).ToHashSet();
            Assert.DoesNotContain(world.Orders, o => devices.Contains(o.DeviceFingerprint) && !members.Contains(o.CustomerId));
            // Two members bust out with one card, which nobody else pays with; every order is paid by some card.
            var sharedCard = ringOrders.Where(o => o.InstrumentFingerprint is not null).GroupBy(o => o.InstrumentFingerprint)
                .Single(g => g.Select(o => o.CustomerId).Distinct().Count() == 2);
            Assert.DoesNotContain(world.Orders, o => o.InstrumentFingerprint == sharedCard.Key && !members.Contains(o.CustomerId));
            Assert.Matches("^[0-9]{6}$", sharedCard.First().InstrumentBin!);
        });
        Assert.All(world.Orders, o => Assert.NotNull(o.InstrumentFingerprint));
    }
}

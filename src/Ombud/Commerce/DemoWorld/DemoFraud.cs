namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// Plants the fraud the world's risk models and investigators should find, each with the signals it has in real
/// life, and writes down the truth about every order it plants in a <see cref="DemoLabel"/>.
/// </summary>
internal sealed class DemoFraud(
    DemoRandom random,
    DemoWorldSettings settings,
    DemoPeople people,
    DemoMerchants merchants,
    DemoOrders orders,
    DemoHistory history)
{
    /// <summary>
    /// Someone opens an account in a real person's name and address, and within hours orders resellable electronics
    /// to another address, from a device and connection never seen before, paying only what checkout charges.
    /// </summary>
    public DemoShopper StolenIdentity(int index, int number, DemoBatch batch)
    {
        var market = random.PickWeighted(DemoMarkets.Weighted);
        var firstOrderAt = random.Between(settings.Now.AddDays(-90), settings.Now.AddDays(-2));
        var victim = people.Create(index, market, firstOrderAt.AddMinutes(-random.Between(10, 2 * 24 * 60)),
            random.Percent(40) ? KycLevel.None : KycLevel.Basic, throwaway: true);
        var drop = DropAddress(market, victim.Home);
        var ip = random.Percent(50) ? people.HostingIp() : ForeignHomeIp(market);
        var placedAt = firstOrderAt;
        for (var i = random.Between(1, 3); i > 0 && placedAt < settings.Now; i--)
        {
            var order = orders.Place(Grab(victim, placedAt, drop, victim.Devices[0], ip) with
            {
                Plan = random.Percent(70) ? PlanKind.PayIn4 : PlanKind.PayIn30Days,
            }, batch);
            batch.Labels.Add(DemoHistory.Label(random, order, DemoLabelKind.StolenIdentity, $"stolen-identity-{number}"));
            placedAt = placedAt.AddMinutes(random.Between(40, 36 * 60));
        }

        return victim;
    }

    /// <summary>
    /// A long-standing customer's account, with years of orders from the same device, connection and home, is taken
    /// over: within two days a new device on a hosting connection sends expensive electronics to a new address.
    /// </summary>
    public DemoShopper AccountTakeover(int index, int number, DemoBatch batch)
    {
        var market = random.PickWeighted(DemoMarkets.Weighted);
        var shopper = people.Create(index, market, random.Between(settings.Now.AddDays(-6 * 365), settings.Now.AddDays(-2 * 365)));
        var takenOverAt = random.Between(settings.Now.AddDays(-40), settings.Now.AddDays(-3));
        history.Live(shopper, settings.WindowStart, takenOverAt.AddDays(-10), history.OrderCount(shopper.Customer.AccountCreatedAt, atLeast: 3), batch);

        var device = random.Fingerprint();
        var ip = people.HostingIp();
        var drop = DropAddress(market, shopper.Home);
        var phone = market.Phone(random);
        for (var i = random.Between(1, 3); i > 0; i--)
        {
            var placedAt = takenOverAt.AddMinutes(random.Between(0, 48 * 60));
            var order = orders.Place(Grab(shopper, placedAt, drop, device, ip) with
            {
                Phone = phone,
                Plan = random.Percent(60) ? PlanKind.PayIn4 : PlanKind.Financing,
            }, batch);
            batch.Labels.Add(DemoHistory.Label(random, order, DemoLabelKind.AccountTakeover, $"account-takeover-{number}"));
        }

        return shopper;
    }

    /// <summary>
    /// Synthetic identities opened within weeks of each other behave well for a while (small orders, paid on time),
    /// then all bust out within days: expensive orders from the same few devices and one connection, sent to the
    /// same drop address (the first two members paying with one card), never paid beyond checkout.
    /// </summary>
    public DemoShopper RingMember(int index, DemoRing ring, int member, DemoBatch batch)
    {
        var market = ring.Market;
        var shopper = people.Create(index, market, ring.FirstAccountAt.AddMinutes(random.Between(0, 21 * 24 * 60)), KycLevel.Basic,
            habit: PayingHabit.Reliable);
        var device = ring.Devices[member % ring.Devices.Count];
        var warmUpAt = shopper.Customer.AccountCreatedAt.AddDays(1);
        for (var i = random.Between(1, 2); i > 0; i--)
        {
            warmUpAt = history.Moment(warmUpAt, warmUpAt.AddDays(4));
            var store = merchants.PickFor(market, random.Pick([DemoCatalog.Cosmetics, DemoCatalog.Books, DemoCatalog.Clothing]));
            var order = orders.Place(new OrderSpec(shopper, store, warmUpAt)
            {
                ShipTo = shopper.Home, Device = device, Ip = ring.Ip, Channel = SalesChannel.Web, Plan = PlanKind.PayIn4,
                Fate = Fate.Uneventful, Conduct = PlanConduct.OnTime,
            }, batch);
            batch.Labels.Add(DemoHistory.Label(random, order, DemoLabelKind.FraudRing, ring.Group));
        }

        var bustOuts = random.Between(1, 3);
        for (var i = 0; i < bustOuts; i++)
        {
            var placedAt = ring.BustOutAt.AddMinutes(random.Between(0, 4 * 24 * 60));
            // Every member's first bust-out parcel goes to the ring's main drop; that is what ties them together.
            var drop = i == 0 ? ring.Drops[0] : random.Pick(ring.Drops);
            var order = orders.Place(Grab(shopper, placedAt, drop, device, random.Percent(70) ? ring.Ip : people.HostingIp()) with
            {
                Plan = random.Percent(65) ? PlanKind.PayIn4 : PlanKind.Financing,
                // The ring's first two members bust out with one card between them (a stolen card, a mule's account).
                Instrument = member < 2 ? DemoCards.OfRing(ring) : null,
            }, batch);
            batch.Labels.Add(DemoHistory.Label(random, order, DemoLabelKind.FraudRing, ring.Group));
        }

        return shopper;
    }

    /// <summary>
    /// A customer with a clean history has an order delivered (tracked, to their home, ordered from their usual
    /// device and connection), then says it never came and stops paying: the compelling evidence is all there.
    /// </summary>
    public DemoShopper FriendlyFraud(int index, int number, DemoBatch batch)
    {
        var market = random.PickWeighted(DemoMarkets.Weighted);
        var shopper = people.Create(index, market, history.AccountCreatedAt(established: true));
        var placedAt = random.Between(settings.Now.AddDays(-70), settings.Now.AddDays(-20));
        history.Live(shopper, settings.WindowStart, placedAt.AddDays(-5), history.OrderCount(shopper.Customer.AccountCreatedAt, atLeast: 3), batch);
        var store = merchants.PickFor(market, random.Pick([DemoCatalog.Electronics, DemoCatalog.Clothing, DemoCatalog.Sports]));
        var order = orders.Place(new OrderSpec(shopper, store, placedAt)
        {
            ShipTo = shopper.Home, Device = shopper.Devices[0], Ip = shopper.HomeIp, Channel = SalesChannel.Web,
            Plan = random.Percent(70) ? PlanKind.PayIn4 : PlanKind.PayIn30Days, Fate = Fate.Uneventful, Conduct = PlanConduct.CheckoutOnly,
        }, batch);
        batch.Labels.Add(DemoHistory.Label(random, order, DemoLabelKind.FriendlyFraud, $"friendly-fraud-{number}"));
        return shopper;
    }

    private OrderSpec Grab(DemoShopper shopper, DateTime placedAt, Address drop, string device, string ip)
    {
        var products = new List<DemoProduct> { random.Pick(DemoCatalog.ResaleMagnets) };
        if (random.Percent(30))
        {
            products.Add(random.Pick(DemoCatalog.ResaleMagnets.Where(p => p != products[0]).ToList()));
        }

        return new OrderSpec(shopper, merchants.PickFor(shopper.Market, DemoCatalog.Electronics), placedAt)
        {
            Products = products, ShipTo = drop, Device = device, Ip = ip, Channel = SalesChannel.Web, Fate = Fate.Uneventful,
            Conduct = PlanConduct.CheckoutOnly,
        };
    }

    /// <summary>An address in another city of the market: a parcel locker, a flat let for a week, a mule's home.</summary>
    private Address DropAddress(DemoMarket market, Address home)
    {
        var elsewhere = market.Cities.Where(c => c.City.Name != home.City).ToList();
        return market.NewAddress(random, random.PickWeighted(elsewhere));
    }

    /// <summary>A home connection of another market, in a part of 10.0.0.0/8 no customer lives in.</summary>
    private string ForeignHomeIp(DemoMarket market)
    {
        var other = random.Pick(DemoMarkets.All.Where(m => m != market).ToList());
        return $"10.{other.HomeIpOctet}.{random.Between(241, 249)}.{random.Between(1, 254)}";
    }
}

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// Builds the demo world in memory, one slice of customers at a time, from (customers, seed, as-of) alone: the
/// merchants first, then every customer in turn with their whole year of orders, plans, payments and refunds, the
/// planted fraud and problem orders, and the labels that tell the truth about them.
/// </summary>
internal sealed class DemoWorldBuilder
{
    /// <summary>Customer 1, Anna Svensson of Stockholm, whom the demo shopper account signs in as.</summary>
    public static readonly string ShopperExternalId = DemoPeople.ExternalId(0);

    private readonly DemoWorldSettings _settings;
    private readonly DemoRandom _random;
    private readonly DemoPeople _people;
    private readonly DemoMerchants _merchants;
    private readonly DemoCast _cast;
    private readonly DemoOrders _orders;
    private readonly DemoHistory _history;
    private readonly DemoFraud _fraud;

    public DemoWorldBuilder(DemoWorldSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Customers, 1);
        _settings = settings;
        _random = new DemoRandom(settings.Seed);
        _people = new DemoPeople(_random, settings);
        _merchants = new DemoMerchants(_random, settings);
        _cast = new DemoCast(_random, settings);
        _orders = new DemoOrders(_random, new DemoFulfilment(_random, settings), new DemoPayments(_random, settings));
        _history = new DemoHistory(_random, settings, _merchants, _orders);
        _fraud = new DemoFraud(_random, settings, _people, _merchants, _orders, _history);
    }

    public IEnumerable<Merchant> Merchants => _merchants.Stores.Select(s => s.Merchant);

    public IEnumerable<DemoBatch> Batches(int customersPerBatch)
    {
        var batch = new DemoBatch();
        for (var index = 0; index < _settings.Customers; index++)
        {
            batch.Customers.Add(Customer(index, batch).Customer);
            if (batch.Customers.Count == customersPerBatch)
            {
                yield return batch;
                batch = new DemoBatch();
            }
        }

        if (batch.Customers.Count > 0)
        {
            yield return batch;
        }
    }

    private DemoShopper Customer(int index, DemoBatch batch)
    {
        var (part, number, member) = _cast.Of(index);
        return part switch
        {
            Part.DemoShopper => DemoShopper(batch),
            Part.StolenIdentity => _fraud.StolenIdentity(index, number, batch),
            Part.RingMember => _fraud.RingMember(index, _cast.Ring(number), member, batch),
            Part.AccountTakeover => _fraud.AccountTakeover(index, number, batch),
            Part.FriendlyFraud => _fraud.FriendlyFraud(index, number, batch),
            Part.NotDelivered or Part.Faulty or Part.DoubleCharge => Troubled(index, part, number, batch),
            _ => Ordinary(index, batch),
        };
    }

    private DemoShopper Ordinary(int index, DemoBatch batch, bool established = false)
    {
        var shopper = _people.Create(index, _random.PickWeighted(DemoMarkets.Weighted), _history.AccountCreatedAt(established));
        _history.Live(shopper, _settings.WindowStart, _settings.Now, _history.OrderCount(shopper.Customer.AccountCreatedAt), batch);
        return shopper;
    }

    /// <summary>
    /// Anna pays on time and has what a demo needs to show: a year of orders, an invoice paid last month for a
    /// delivered order, and a pay-in-4 plan from last week with three instalments still to come.
    /// </summary>
    private DemoShopper DemoShopper(DemoBatch batch)
    {
        var sweden = DemoMarkets.Sweden;
        var stockholm = sweden.Cities[0].City;
        var anna = _people.Create(0, sweden, _random.Between(_settings.Now.AddDays(-4 * 365), _settings.Now.AddDays(-3 * 365)), KycLevel.Verified,
            ("Anna", "Svensson"), sweden.NewAddress(_random, stockholm), habit: PayingHabit.Reliable);
        _history.Live(anna, _settings.WindowStart, _settings.Now.AddDays(-45), 5, batch);
        var clothes = _merchants.PickFor(sweden, DemoCatalog.Clothing);
        _orders.Place(new OrderSpec(anna, clothes, _history.Moment(_settings.Now.AddDays(-40), _settings.Now.AddDays(-39)))
        {
            Plan = PlanKind.PayIn30Days, Channel = SalesChannel.Web, Fate = Fate.Uneventful, Conduct = PlanConduct.OnTime,
        }, batch);
        var electronics = _merchants.PickFor(sweden, DemoCatalog.Electronics);
        _orders.Place(new OrderSpec(anna, electronics, _history.Moment(_settings.Now.AddDays(-9), _settings.Now.AddDays(-8)))
        {
            Plan = PlanKind.PayIn4, Channel = SalesChannel.App, Fate = Fate.Uneventful, Conduct = PlanConduct.OnTime,
        }, batch);
        return anna;
    }

    /// <summary>An ordinary customer with one order that went wrong: never arrived, arrived broken, or was paid twice.</summary>
    private DemoShopper Troubled(int index, Part part, int number, DemoBatch batch)
    {
        var shopper = Ordinary(index, batch, established: true);
        var market = shopper.Market;
        var now = _settings.Now;
        var channel = _random.Percent(60) ? SalesChannel.Web : SalesChannel.App;
        var (kind, group, spec) = part switch
        {
            Part.NotDelivered => (DemoLabelKind.NotDelivered, "not-delivered",
                new OrderSpec(shopper, _merchants.PickParcelStoreFor(market), _random.Between(now.AddDays(-45), now.AddDays(-14)))
                {
                    Channel = channel, Fate = Fate.NeverDelivered,
                }),
            Part.Faulty => (DemoLabelKind.Faulty, "faulty",
                new OrderSpec(shopper, _merchants.PickFor(market, _random.Pick([DemoCatalog.Electronics, DemoCatalog.Sports, DemoCatalog.Furniture])),
                    _random.Between(now.AddDays(-90), now.AddDays(-20)))
                {
                    Channel = channel, Fate = Fate.FaultyReturned,
                }),
            _ => DoubleCharge(shopper, channel),
        };
        var order = _orders.Place(spec, batch);
        if (part != Part.DoubleCharge || batch.Payments.Exists(p => p.OrderId == order.Id && p.OverpaidMinor > 0))
        {
            batch.Labels.Add(DemoHistory.Label(_random, order, kind, $"{group}-{number}"));
        }

        return shopper;
    }

    private (DemoLabelKind, string, OrderSpec) DoubleCharge(DemoShopper shopper, SalesChannel channel)
    {
        var now = _settings.Now;
        // Placed long enough ago that the whole plan fell due and was paid, so the second charge finds nothing to pay.
        var invoice = _random.Percent(60);
        var placedAt = invoice ? _random.Between(now.AddDays(-150), now.AddDays(-40)) : _random.Between(now.AddDays(-200), now.AddDays(-50));
        return (DemoLabelKind.DoubleCharge, "double-charge", new OrderSpec(shopper, _merchants.PickFor(shopper.Market), placedAt)
        {
            Channel = channel, Plan = invoice ? PlanKind.PayIn30Days : PlanKind.PayIn4, Fate = Fate.Uneventful, Conduct = PlanConduct.OnTime,
            ChargedTwice = true,
        });
    }
}

namespace Ombud.Commerce.DemoWorld;

/// <summary>A merchant with what the world knows about it: what it sells and where it is.</summary>
internal sealed record DemoStore(Merchant Merchant, DemoCategory Category, DemoMarket Market, int Number);

/// <summary>
/// The stores of the demo world and how shoppers choose among them: mostly at home, now and then abroad, and with
/// a few big stores taking most orders (Zipf-like popularity), as in any real market.
/// </summary>
internal sealed class DemoMerchants
{
    private const int CrossBorderPercent = 12;

    private readonly DemoRandom _random;
    private readonly List<DemoStore> _stores = [];
    private readonly Dictionary<string, List<(DemoStore Store, int Weight)>> _byMarket = new(StringComparer.Ordinal);
    private readonly List<(DemoStore Store, int Weight)> _everywhere = [];

    public DemoMerchants(DemoRandom random, DemoWorldSettings settings)
    {
        _random = random;
        foreach (var market in DemoMarkets.All)
        {
            _byMarket[market.Code] = [];
        }

        var names = new DemoStoreNames(random);
        for (var i = 0; i < settings.Merchants; i++)
        {
            var market = DemoMarkets.All[i % DemoMarkets.All.Count];
            // An electronics store in every market first (the fraud patterns shop there), then one of each category,
            // then categories by how common such stores are.
            var category = i < 4 ? DemoCatalog.Electronics
                : i < 4 + DemoCatalog.All.Count ? DemoCatalog.All[i - 4]
                : random.PickWeighted(DemoCatalog.Weighted);
            var disputeRate = random.Percent(8) ? random.Between(250, 600) : random.Between(15, 120);
            var merchant = new Merchant(random.Id(settings.WindowStart.AddDays(-random.Between(30, 900))), $"demo-mer-{i + 1:D5}",
                names.Next(category, market), category.Code, market.Country, disputeRate, settings.WindowStart);
            var store = new DemoStore(merchant, category, market, i + 1);
            _stores.Add(store);

            // Popularity falls with rank in the market; the category's weight sets how much people buy of it.
            var rank = _byMarket[market.Code].Count;
            var weight = Math.Max(1, category.Weight * 1000 / (rank + 2));
            _byMarket[market.Code].Add((store, weight));
            _everywhere.Add((store, weight));
        }
    }

    public IReadOnlyList<DemoStore> Stores => _stores;

    /// <summary>Where a shopper of <paramref name="market"/> buys this time.</summary>
    public DemoStore PickFor(DemoMarket market) =>
        _random.Percent(CrossBorderPercent) ? _random.PickWeighted(_everywhere) : _random.PickWeighted(_byMarket[market.Code]);

    /// <summary>A store of the given kind, at home if there is one.</summary>
    public DemoStore PickFor(DemoMarket market, DemoCategory category)
    {
        var local = _byMarket[market.Code].Where(s => s.Store.Category == category).ToList();
        return local.Count > 0 ? _random.PickWeighted(local) : _random.PickWeighted(_everywhere.Where(s => s.Store.Category == category).ToList());
    }

    /// <summary>A store whose goods travel by parcel, the ones that can go missing or arrive broken.</summary>
    public DemoStore PickParcelStoreFor(DemoMarket market)
    {
        while (true)
        {
            var store = PickFor(market);
            if (store.Category.Delivery == Delivery.Parcel)
            {
                return store;
            }
        }
    }
}

/// <summary>Invented store names, unique within the world: a stem and an ending of the category ("Voltwerk", "Fjord Studio").</summary>
internal sealed class DemoStoreNames(DemoRandom random)
{
    private readonly Dictionary<string, Queue<string>> _unused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rounds = new(StringComparer.Ordinal);

    public string Next(DemoCategory category, DemoMarket market)
    {
        if (!_unused.TryGetValue(category.Code, out var names) || names.Count == 0)
        {
            var all = category.NameStems.SelectMany(s => category.NameEndings.Select(e => s + e)).ToList();
            random.Shuffle(all);
            _unused[category.Code] = names = new Queue<string>(all);
            _rounds[category.Code] = _rounds.GetValueOrDefault(category.Code) + 1;
        }

        var name = names.Dequeue();
        // Past 96 stores of one kind, names repeat in other cities, the way chains and namesakes do.
        return _rounds[category.Code] == 1 ? name : $"{name} {random.Pick(market.Cities).City.Name.Split(',')[0]}";
    }
}

namespace Ombud.Commerce.DemoWorld;

/// <summary>What part a customer plays in the world's story.</summary>
internal enum Part
{
    Ordinary,

    /// <summary>Anna Svensson, whom the demo shopper account signs in as.</summary>
    DemoShopper,

    StolenIdentity,
    RingMember,
    AccountTakeover,
    FriendlyFraud,
    NotDelivered,
    Faulty,
    DoubleCharge,
}

/// <summary>
/// A fraud ring, decided before any of its members is made, because they are spread over the whole customer list
/// (and so over several write batches) yet must share devices, a drop address and a connection.
/// </summary>
internal sealed record DemoRing(int Number, DemoMarket Market, IReadOnlyList<string> Devices, IReadOnlyList<Address> Drops, string Ip,
    DateTime FirstAccountAt, DateTime BustOutAt)
{
    public string Group => $"ring-{Number}";
}

/// <summary>
/// Hands out the parts: customer 1 is always the demo shopper; the planted patterns go to customers drawn at
/// random, in numbers that grow with the world (at least one of each once it has 30 customers), never taking more
/// than half of it, so the world stays mostly honest and untroubled.
/// </summary>
internal sealed class DemoCast
{
    private readonly (Part Part, int Number, int Member)[] _parts;
    private readonly List<DemoRing> _rings = [];

    public DemoCast(DemoRandom random, DemoWorldSettings settings)
    {
        var n = settings.Customers;
        _parts = new (Part, int, int)[n];
        _parts[0] = (Part.DemoShopper, 1, 0);
        var order = Enumerable.Range(1, n - 1).ToList();
        random.Shuffle(order);
        var budget = (n - 1) / 2;
        var next = 0;

        for (var k = 1; k <= (n >= 30 ? Math.Max(1, n / 400) : 0); k++)
        {
            var members = random.Between(3, 6);
            if (next + members > budget)
            {
                break;
            }

            _rings.Add(NewRing(k, random, settings));
            for (var m = 0; m < members; m++)
            {
                _parts[order[next++]] = (Part.RingMember, k, m);
            }
        }

        foreach (var (part, count) in (ReadOnlySpan<(Part, int)>)
                 [
                     (Part.StolenIdentity, Math.Max(1, n / 150)), (Part.AccountTakeover, Math.Max(1, n / 200)),
                     (Part.FriendlyFraud, Math.Max(1, n / 120)), (Part.NotDelivered, Math.Max(1, n / 25)), (Part.Faulty, Math.Max(1, n / 25)),
                     (Part.DoubleCharge, Math.Max(1, n / 40)),
                 ])
        {
            for (var k = 1; k <= count && next < budget; k++)
            {
                _parts[order[next++]] = (part, k, 0);
            }
        }
    }

    public (Part Part, int Number, int Member) Of(int index) => _parts[index];

    public DemoRing Ring(int number) => _rings[number - 1];

    private static DemoRing NewRing(int number, DemoRandom random, DemoWorldSettings settings)
    {
        var market = random.PickWeighted(DemoMarkets.Weighted);
        var city = market.City(random);
        var firstAccountAt = random.Between(settings.Now.AddDays(-150), settings.Now.AddDays(-60));
        // Third octets 250 and up are never a customer's home, so the ring's connection links only its members.
        var ip = $"10.{market.HomeIpOctet}.{250 + (number / 250 % 6)}.{1 + (number % 250)}";
        return new DemoRing(number, market, [random.Fingerprint(), random.Fingerprint()],
            [market.NewAddress(random, city), market.NewAddress(random, city)], ip, firstAccountAt, firstAccountAt.AddDays(random.Between(30, 50)));
    }
}

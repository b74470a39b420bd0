using Ombud.Bench.Ingest.Api;
using Ombud.Bench.Ingest.Seeding;

namespace Ombud.Bench.Ingest.Fakes;

internal static class CustomerFaker
{
    private static readonly IReadOnlyList<string> MailDomains = ["example.com", "example.org", "example.net"];

    private static readonly IReadOnlyList<(string Item, int Weight)> KycLevels = [("verified", 60), ("basic", 30), ("enhanced", 10)];

    /// <summary>Account ages up to about seven years: risk rules treat a day-old account differently from a loyal one.</summary>
    private const int OldestAccountDays = 2_500;

    /// <summary>Builds the payload and the parts orders will reuse; the id is filled in once the API answers.</summary>
    public static (CustomerPayload Payload, Func<Guid, SeededCustomer> Seeded) Create(Random random, string runId, long index)
    {
        var market = Markets.PickWeighted(random);
        var first = random.Pick(market.FirstNames);
        var last = random.Pick(market.LastNames);
        // The index keeps e-mails unique, as they would be, without a lookup across workers.
        var email = $"{Ascii.EmailPart(first)}.{Ascii.EmailPart(last)}.{index}@{random.Pick(MailDomains)}";
        var phone = market.Phone(random);
        var home = Address(random, market);
        var devices = Enumerable.Range(0, random.Chance(0.3) ? 2 : 1).Select(_ => "dev-" + random.Hex(16)).ToList();
        var ip = $"{random.Pick(market.IpPrefixes)}.{random.Next(0, 256)}.{random.Next(1, 255)}";
        var createdAt = DateTime.UtcNow.Date.AddDays(-random.Next(1, OldestAccountDays));

        var payload = new CustomerPayload(
            $"bench-{runId}-c-{index}", $"{first} {last}", email, phone, market.Locale, market.Country, random.Weighted(KycLevels), createdAt, home);
        return (payload, id => new SeededCustomer(id, market, email, phone, home, devices, ip));
    }

    public static AddressPayload Address(Random random, Market market) =>
        new(market.StreetLine(random, random.Pick(market.Streets)), random.Pick(market.Cities), market.PostalCode(random), market.Country);
}

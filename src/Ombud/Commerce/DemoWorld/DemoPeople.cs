using System.Globalization;
using System.Text;

namespace Ombud.Commerce.DemoWorld;

/// <summary>Makes the people of the demo world: names, emails, phones, homes, devices and connections.</summary>
internal sealed class DemoPeople(DemoRandom random, DemoWorldSettings settings)
{
    private static readonly IReadOnlyList<(string Domain, int Weight)> Domains = [("example.com", 50), ("example.net", 30), ("example.org", 20)];

    private static readonly IReadOnlyList<(KycLevel Level, int Weight)> KycLevels =
        [(KycLevel.Verified, 62), (KycLevel.Basic, 26), (KycLevel.Enhanced, 8), (KycLevel.None, 4)];

    // Only the emails' uniqueness is asked of this set, never its order, so it cannot make two runs differ.
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);

    public static string ExternalId(int index) => $"demo-cus-{index + 1:D6}";

    /// <summary>
    /// An ordinary customer. <paramref name="name"/> and <paramref name="home"/> fix who they are (the demo shopper,
    /// the victim of a stolen identity); <paramref name="throwaway"/> gives the email a fraudster makes for one use.
    /// </summary>
    public DemoShopper Create(int index, DemoMarket market, DateTime accountCreatedAt, KycLevel? kyc = null,
        (string First, string Last)? name = null, Address? home = null, bool throwaway = false, PayingHabit? habit = null)
    {
        var (first, last) = name ?? (random.Pick(market.FirstNames), random.Pick(market.LastNames));
        home ??= market.NewAddress(random);
        var email = Email(first, last, throwaway);
        var phone = throwaway || random.Percent(92) ? market.Phone(random) : null;
        var customer = new Customer(random.Id(accountCreatedAt), ExternalId(index), $"{first} {last}", email, phone, market.Locale, market.Code,
            kyc ?? random.PickWeighted(KycLevels), accountCreatedAt, home with { },
            accountCreatedAt > settings.WindowStart ? accountCreatedAt : settings.WindowStart);
        var deviceCount = throwaway ? 1 : random.PickWeighted<int>([(1, 45), (2, 40), (3, 15)]);
        var devices = new List<string>(deviceCount);
        for (var i = 0; i < deviceCount; i++)
        {
            devices.Add(random.Fingerprint());
        }

        return new DemoShopper
        {
            Customer = customer,
            Market = market,
            Home = home,
            Other = random.Percent(15) ? market.NewAddress(random, market.Cities.First(c => c.City.Name == home.City).City) : null,
            Devices = devices,
            HomeIp = HomeIp(market, index),
            MobilePrefix = string.Create(CultureInfo.InvariantCulture, $"2001:db8:{market.HomeIpOctet:x}{(index >> 16) & 0xFF:x2}:{index & 0xFFFF:x}"),
            Habit = habit ?? random.PickWeighted(PayingHabit.Weighted),
            InvoiceMethod = random.PickWeighted(market.InvoiceMethods),
        };
    }

    /// <summary>
    /// A home connection in 10.0.0.0/8, one per customer (unique up to about 60,000 customers), so a shared address
    /// in the data always means something was planted: a ring, a takeover.
    /// </summary>
    public static string HomeIp(DemoMarket market, int index) => $"10.{market.HomeIpOctet}.{1 + (index / 254 % 240)}.{1 + (index % 254)}";

    /// <summary>An address from the documentation ranges (RFC 5737), standing in for hosting and VPN exits.</summary>
    public string HostingIp() =>
        $"{random.Pick(["192.0.2", "198.51.100", "203.0.113"])}.{random.Between(1, 254)}";

    private string Email(string first, string last, bool throwaway)
    {
        var f = Fold(first);
        var l = Fold(last);
        var local = throwaway
            ? $"{f[0]}.{l}.{random.Digits(4)}"
            : random.PickWeighted<int>([(0, 35), (1, 25), (2, 20), (3, 20)]) switch
            {
                0 => $"{f}.{l}",
                1 => $"{f}{l}{random.Between(60, 105) % 100:D2}",
                2 => $"{f[0]}{l}",
                _ => $"{f}_{l}{random.Between(1, 99)}",
            };
        var domain = random.PickWeighted(Domains);
        var email = $"{local}@{domain}";
        for (var n = 2; !_emails.Add(email); n++)
        {
            email = $"{local}{n}@{domain}";
        }

        return email;
    }

    /// <summary>Folds a name to what people type in an email address: Åberg → aberg, Yılmaz → yilmaz, O'Brien → obrien.</summary>
    private static string Fold(string name)
    {
        var folded = new StringBuilder(name.Length);
        foreach (var ch in name.ToLowerInvariant())
        {
            folded.Append(ch switch
            {
                'å' or 'ä' => "a",
                'ö' => "o",
                'ü' => "u",
                'é' => "e",
                'ş' => "s",
                'ı' => "i",
                'ß' => "ss",
                '\'' or ' ' or '-' => "",
                _ => ch.ToString(),
            });
        }

        return folded.ToString();
    }
}

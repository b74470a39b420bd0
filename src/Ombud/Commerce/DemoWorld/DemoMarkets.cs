using System.Globalization;

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// The four markets of the demo world. Names, streets and postal code ranges are real patterns of each country;
/// every person and address made from them is invented. Emails use the reserved example.* domains.
/// </summary>
internal static class DemoMarkets
{
    public static readonly DemoMarket Sweden = new()
    {
        Code = "SE", Country = "SE", Currency = "SEK", Locale = "sv-SE", Weight = 30,
        FirstNames = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Emma", "Per", "Sara", "Mikael", "Elin", "Karl", "Ida",
            "Oskar", "Linnéa", "Gustav", "Maja", "Fredrik", "Sofia", "Nils", "Hanna", "Axel", "Kristina", "Jonas", "Ebba", "Viktor", "Astrid", "Hugo"],
        LastNames = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson",
            "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg", "Lindström", "Lindqvist", "Berg", "Sjöberg", "Holm",
            "Forsberg", "Sandberg", "Engström", "Lundgren", "Ekström", "Björk", "Nyström", "Wallin", "Åberg"],
        Streets = ["Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan", "Sveavägen", "Götgatan", "Hornsgatan", "Linnégatan", "Kyrkogatan",
            "Skolgatan", "Parkvägen", "Björkvägen", "Ringvägen", "Nygatan", "Östra Långgatan", "Ekvägen", "Tallvägen", "Järnvägsgatan"],
        Cities =
        [
            (new("Stockholm", Swedish(111, 129)), 30), (new("Göteborg", Swedish(411, 426)), 15), (new("Malmö", Swedish(211, 218)), 10),
            (new("Uppsala", Swedish(752, 757)), 6), (new("Västerås", Swedish(721, 725)), 4), (new("Örebro", Swedish(702, 703)), 4),
            (new("Linköping", Swedish(582, 589)), 4), (new("Helsingborg", Swedish(252, 256)), 4), (new("Umeå", Swedish(903, 907)), 3),
            (new("Lund", Swedish(222, 227)), 3), (new("Jönköping", Swedish(553, 556)), 3),
        ],
        NumberBeforeStreet = false, MaxHouseNumber = 98,
        // Swedish flats carry a four-digit number: floor and door.
        Line2 = r => r.Percent(35) ? $"lgh {r.Between(10, 16)}{r.Between(1, 4):D2}" : null,
        Phone = r => $"+46 7{r.Pick(["0", "2", "3", "6", "9"])} {r.Digits(3)} {r.Digits(2)} {r.Digits(2)}",
        Carriers = [("PostNord", 45), ("DHL", 20), ("Budbee", 20), ("Instabox", 15)],
        InvoiceMethods = [(PaymentMethod.BankTransfer, 55), (PaymentMethod.Card, 30), (PaymentMethod.DirectDebit, 15)],
        HomeIpOctet = 46, PricePerEuroHundredths = 1120, WholeUnitPrices = true,
        ShippingFeeMinor = 4_900, FreeShippingFromMinor = 49_900, FinancingFromMinor = 300_000, LateFeeMinor = 6_000,
    };

    public static readonly DemoMarket Germany = new()
    {
        Code = "DE", Country = "DE", Currency = "EUR", Locale = "de-DE", Weight = 25,
        FirstNames = ["Lukas", "Anna", "Maximilian", "Sophie", "Leon", "Marie", "Felix", "Laura", "Jonas", "Lea", "Paul", "Julia", "Niklas",
            "Katharina", "Tim", "Lena", "Jan", "Hannah", "Florian", "Sarah", "Tobias", "Johanna", "Moritz", "Emma", "Sebastian", "Clara", "Stefan",
            "Sabine", "Ayşe", "Mehmet"],
        LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch",
            "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
            "Schmitt", "Werner", "Krause", "Yılmaz", "Kaya"],
        Streets = ["Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Gartenstraße", "Lindenstraße", "Bergstraße", "Kirchstraße",
            "Friedrichstraße", "Mozartstraße", "Rosenweg", "Waldstraße", "Schulstraße", "Am Markt", "Ringstraße", "Blumenstraße"],
        Cities =
        [
            (new("Berlin", Numeric(10115, 14199)), 20), (new("Hamburg", Numeric(20095, 22769)), 11), (new("München", Numeric(80331, 81929)), 10),
            (new("Köln", Numeric(50667, 51149)), 7), (new("Frankfurt am Main", Numeric(60306, 60599)), 6),
            (new("Stuttgart", Numeric(70173, 70629)), 5), (new("Düsseldorf", Numeric(40210, 40629)), 5),
            (new("Leipzig", Numeric(4103, 4357)), 5), (new("Dortmund", Numeric(44135, 44388)), 5), (new("Bremen", Numeric(28195, 28779)), 4),
            (new("Dresden", Numeric(1067, 1328)), 4), (new("Nürnberg", Numeric(90402, 90491)), 4),
        ],
        NumberBeforeStreet = false, MaxHouseNumber = 140,
        Line2 = r => r.Percent(8) ? $"{r.Between(1, 5)}. OG" : null,
        Phone = r => $"+49 1{r.Pick(["51", "52", "57", "60", "70", "71", "76"])} {r.Digits(8)}",
        Carriers = [("DHL", 50), ("Hermes", 20), ("DPD", 15), ("GLS", 15)],
        InvoiceMethods = [(PaymentMethod.BankTransfer, 50), (PaymentMethod.DirectDebit, 30), (PaymentMethod.Card, 20)],
        HomeIpOctet = 49, PricePerEuroHundredths = 100, WholeUnitPrices = false,
        ShippingFeeMinor = 495, FreeShippingFromMinor = 4_900, FinancingFromMinor = 30_000, LateFeeMinor = 300,
    };

    public static readonly DemoMarket UnitedKingdom = new()
    {
        Code = "UK", Country = "GB", Currency = "GBP", Locale = "en-GB", Weight = 20,
        FirstNames = ["Oliver", "Amelia", "George", "Olivia", "Harry", "Isla", "Jack", "Emily", "Charlie", "Sophie", "Thomas", "Grace", "James",
            "Jessica", "William", "Chloe", "Daniel", "Lucy", "Samuel", "Ellie", "Joshua", "Hannah", "Priya", "Mohammed", "Aisha", "Callum", "Rhys",
            "Niamh", "Fiona", "Hamish"],
        LastNames = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson",
            "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
            "Turner", "Cooper", "Khan", "MacDonald", "O'Brien"],
        Streets = ["High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Queen's Road", "Mill Lane", "Green Lane",
            "King Street", "The Crescent", "Manor Road", "Kingsway", "Albert Road", "Windsor Close"],
        Cities =
        [
            (new("London", British(("E", 18), ("N", 22), ("SE", 28), ("SW", 20), ("W", 14), ("NW", 11))), 30),
            (new("Manchester", British(("M", 40))), 8), (new("Birmingham", British(("B", 45))), 8), (new("Leeds", British(("LS", 29))), 6),
            (new("Glasgow", British(("G", 53))), 6), (new("Bristol", British(("BS", 16))), 5), (new("Edinburgh", British(("EH", 17))), 5),
            (new("Cardiff", British(("CF", 24))), 4), (new("Liverpool", British(("L", 37))), 5),
            (new("Newcastle upon Tyne", British(("NE", 15))), 4),
        ],
        NumberBeforeStreet = true, MaxHouseNumber = 220,
        Line2 = r => r.Percent(25) ? $"Flat {r.Between(1, 24)}" : null,
        Phone = r => $"+44 7{r.Digits(3)} {r.Digits(6)}",
        Carriers = [("Royal Mail", 40), ("Evri", 30), ("DPD", 20), ("Parcelforce", 10)],
        InvoiceMethods = [(PaymentMethod.Card, 70), (PaymentMethod.DirectDebit, 20), (PaymentMethod.BankTransfer, 10)],
        HomeIpOctet = 44, PricePerEuroHundredths = 86, WholeUnitPrices = false,
        ShippingFeeMinor = 399, FreeShippingFromMinor = 4_000, FinancingFromMinor = 25_000, LateFeeMinor = 500,
    };

    public static readonly DemoMarket UnitedStates = new()
    {
        Code = "US", Country = "US", Currency = "USD", Locale = "en-US", Weight = 25,
        FirstNames = ["James", "Mary", "Michael", "Jennifer", "David", "Linda", "John", "Patricia", "Robert", "Elizabeth", "Christopher", "Jessica",
            "Daniel", "Sarah", "Matthew", "Ashley", "Anthony", "Emily", "Joshua", "Madison", "Carlos", "Maria", "Jose", "Sofia", "Wei", "Mei",
            "DeShawn", "Aaliyah", "Tyler", "Hannah"],
        LastNames = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
            "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
            "Sanchez", "Clark", "Nguyen", "Kim", "Patel"],
        Streets = ["Maple Ave", "Oak St", "Pine St", "Cedar Ln", "Elm St", "Washington Ave", "Main St", "2nd St", "Park Blvd", "Highland Ave",
            "Lincoln Rd", "Sunset Blvd", "Lakeview Dr", "Jefferson St"],
        // The address has no field for the state; it rides with the city, as it does on an envelope line.
        Cities =
        [
            (new("New York, NY", Numeric(10001, 10282)), 14), (new("Los Angeles, CA", Numeric(90001, 90089)), 12),
            (new("Chicago, IL", Numeric(60601, 60661)), 9), (new("Austin, TX", Numeric(78701, 78759)), 7),
            (new("Phoenix, AZ", Numeric(85003, 85054)), 6), (new("Seattle, WA", Numeric(98101, 98199)), 6),
            (new("Denver, CO", Numeric(80202, 80239)), 5), (new("Boston, MA", Numeric(2108, 2136)), 5),
            (new("Atlanta, GA", Numeric(30303, 30350)), 5), (new("Portland, OR", Numeric(97201, 97239)), 4),
            (new("Minneapolis, MN", Numeric(55401, 55488)), 4), (new("Columbus, OH", Numeric(43201, 43235)), 4),
        ],
        NumberBeforeStreet = true, MaxHouseNumber = 9899,
        Line2 = r => r.Percent(30) ? $"Apt {r.Between(1, 30)}{r.Pick(["A", "B", "C", "D"])}" : null,
        Phone = r => $"+1 ({r.Pick(["212", "213", "312", "512", "602", "206", "303", "617", "404", "503", "612", "614"])}) {r.Between(201, 989)}-{r.Digits(4)}",
        Carriers = [("USPS", 40), ("UPS", 35), ("FedEx", 25)],
        InvoiceMethods = [(PaymentMethod.Card, 80), (PaymentMethod.BankTransfer, 20)],
        HomeIpOctet = 1, PricePerEuroHundredths = 108, WholeUnitPrices = false,
        ShippingFeeMinor = 599, FreeShippingFromMinor = 5_000, FinancingFromMinor = 30_000, LateFeeMinor = 700,
    };

    public static readonly IReadOnlyList<DemoMarket> All = [Sweden, Germany, UnitedKingdom, UnitedStates];

    public static readonly IReadOnlyList<(DemoMarket Market, int Weight)> Weighted = [.. All.Select(m => (m, m.Weight))];

    private static Func<DemoRandom, string> Swedish(int from, int to) => r => $"{r.Between(from, to)} {r.Digits(2)}";

    private static Func<DemoRandom, string> Numeric(int from, int to) =>
        r => r.Between(from, to).ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Outward code (area and district) and inward code (sector digit and two letters, never C I K M O V).</summary>
    private static Func<DemoRandom, string> British(params (string Area, int Districts)[] areas) => r =>
    {
        var (area, districts) = r.Pick(areas);
        return $"{area}{r.Between(1, districts)} {r.Between(1, 9)}{r.Letters(2, "ABDEFGHJLNPQRSTUWXYZ")}";
    };
}

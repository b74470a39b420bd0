namespace Ombud.Bench.Ingest.Fakes;

/// <summary>The markets the bench's customers come from, weighted roughly like a Nordic BNPL's book.</summary>
internal static class Markets
{
    public static readonly Market Sweden = new(
        Country: "SE", Currency: "SEK", Locale: "sv-SE", Weight: 35, PerEuroHundredths: 1_120, StandardShippingFee: 4_900,
        Phone: r => "+4670" + r.Digits(7),
        PostalCode: r => r.Next(100, 985).ToString("000", System.Globalization.CultureInfo.InvariantCulture) + r.Digits(2),
        Cities: ["Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro", "Linköping", "Umeå"],
        Streets: ["Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan", "Sveavägen", "Skolgatan", "Järnvägsgatan"],
        StreetLine: (r, street) => $"{street} {r.Next(1, 120)}",
        FirstNames: ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Åsa", "Oskar", "Elsa", "Björn", "Linnea", "Nils"],
        LastNames: ["Svensson", "Andersson", "Johansson", "Karlsson", "Nilsson", "Lindqvist", "Ström", "Bergström", "Öberg"],
        IpPrefixes: ["81.2", "83.233", "90.224", "155.4", "213.64"]);

    public static readonly Market Finland = new(
        Country: "FI", Currency: "EUR", Locale: "fi-FI", Weight: 12, PerEuroHundredths: 100, StandardShippingFee: 590,
        Phone: r => "+35840" + r.Digits(7),
        PostalCode: r => r.Next(0, 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + r.Digits(3),
        Cities: ["Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku", "Jyväskylä"],
        Streets: ["Mannerheimintie", "Hämeenkatu", "Aleksanterinkatu", "Kauppakatu", "Puistokatu"],
        StreetLine: (r, street) => $"{street} {r.Next(1, 80)}",
        FirstNames: ["Aino", "Juha", "Sanna", "Mikko", "Laura", "Timo", "Emilia", "Antti"],
        LastNames: ["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine"],
        IpPrefixes: ["84.248", "88.112", "91.152", "193.166"]);

    public static readonly Market Germany = new(
        Country: "DE", Currency: "EUR", Locale: "de-DE", Weight: 20, PerEuroHundredths: 100, StandardShippingFee: 495,
        Phone: r => "+49151" + r.Digits(8),
        PostalCode: r => r.Next(1_067, 99_999).ToString("00000", System.Globalization.CultureInfo.InvariantCulture),
        Cities: ["Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Leipzig", "Dresden"],
        Streets: ["Hauptstraße", "Bahnhofstraße", "Gartenstraße", "Schillerstraße", "Goethestraße", "Lindenweg"],
        StreetLine: (r, street) => $"{street} {r.Next(1, 150)}",
        FirstNames: ["Lukas", "Hannah", "Jonas", "Lea", "Felix", "Sophie", "Maximilian", "Marie", "Jürgen"],
        LastNames: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Groß"],
        IpPrefixes: ["79.192", "84.56", "91.64", "217.80"]);

    public static readonly Market Netherlands = new(
        Country: "NL", Currency: "EUR", Locale: "nl-NL", Weight: 8, PerEuroHundredths: 100, StandardShippingFee: 495,
        Phone: r => "+316" + r.Digits(8),
        PostalCode: r => $"{r.Next(1_011, 9_999)} {(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}",
        Cities: ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen"],
        Streets: ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Prinsengracht"],
        StreetLine: (r, street) => $"{street} {r.Next(1, 300)}",
        FirstNames: ["Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Bram", "Fleur"],
        LastNames: ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit"],
        IpPrefixes: ["77.160", "84.80", "145.53", "213.125"]);

    public static readonly Market UnitedKingdom = new(
        Country: "GB", Currency: "GBP", Locale: "en-GB", Weight: 15, PerEuroHundredths: 86, StandardShippingFee: 399,
        Phone: r => "+447" + r.Digits(9),
        PostalCode: r => $"{r.Pick(["SW1A", "EC1V", "M1", "B2", "LS1", "EH1", "BS8", "G2"])} {r.Next(1, 10)}{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}",
        Cities: ["London", "Manchester", "Birmingham", "Leeds", "Edinburgh", "Bristol", "Glasgow"],
        Streets: ["High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane"],
        StreetLine: (r, street) => $"{r.Next(1, 220)} {street}",
        FirstNames: ["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Emily", "Siobhan"],
        LastNames: ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "O'Brien", "Evans"],
        IpPrefixes: ["81.2", "86.128", "90.192", "109.144"]);

    public static readonly Market UnitedStates = new(
        Country: "US", Currency: "USD", Locale: "en-US", Weight: 10, PerEuroHundredths: 108, StandardShippingFee: 599,
        Phone: r => "+1" + r.Pick(["212", "415", "617", "312", "206", "512"]) + r.Next(200, 1_000).ToString(System.Globalization.CultureInfo.InvariantCulture) + r.Digits(4),
        PostalCode: r => r.Next(1_001, 99_950).ToString("00000", System.Globalization.CultureInfo.InvariantCulture),
        Cities: ["New York", "San Francisco", "Boston", "Chicago", "Seattle", "Austin"],
        Streets: ["Main Street", "Oak Avenue", "Maple Drive", "Washington Street", "Elm Street", "Park Place"],
        StreetLine: (r, street) => $"{r.Next(10, 9_900)} {street}",
        FirstNames: ["James", "Olivia", "Michael", "Sophia", "William", "Isabella", "Ethan", "Mia"],
        LastNames: ["Johnson", "Williams", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez"],
        IpPrefixes: ["24.48", "67.160", "73.92", "98.207"]);

    public static readonly IReadOnlyList<Market> All = [Sweden, Finland, Germany, Netherlands, UnitedKingdom, UnitedStates];

    private static readonly IReadOnlyList<(Market Item, int Weight)> ByWeight = [.. All.Select(m => (m, m.Weight))];

    public static Market PickWeighted(Random random) => random.Weighted(ByWeight);
}

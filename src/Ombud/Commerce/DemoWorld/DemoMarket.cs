namespace Ombud.Commerce.DemoWorld;

/// <summary>A city people of the demo world live in, with its postal code scheme.</summary>
internal sealed record DemoCity(string Name, Func<DemoRandom, string> PostalCode);

/// <summary>
/// What the demo world knows of one market: who lives there and how they write addresses and phone numbers, what
/// things cost there, who carries parcels and what a missed payment costs.
/// </summary>
internal sealed record DemoMarket
{
    /// <summary>The market code as Ombud uses it (UK, not GB).</summary>
    public required string Code { get; init; }

    /// <summary>ISO 3166-1 alpha-2, for addresses and merchants (GB for the UK market).</summary>
    public required string Country { get; init; }

    public required string Currency { get; init; }

    public required string Locale { get; init; }

    /// <summary>Share of customers, in relative units.</summary>
    public required int Weight { get; init; }

    public required IReadOnlyList<string> FirstNames { get; init; }

    public required IReadOnlyList<string> LastNames { get; init; }

    public required IReadOnlyList<string> Streets { get; init; }

    public required IReadOnlyList<(DemoCity City, int Weight)> Cities { get; init; }

    /// <summary>"12 High Street" (UK, US) rather than "Storgatan 12" (SE, DE).</summary>
    public required bool NumberBeforeStreet { get; init; }

    public required int MaxHouseNumber { get; init; }

    /// <summary>A flat or floor line, when there is one.</summary>
    public required Func<DemoRandom, string?> Line2 { get; init; }

    public required Func<DemoRandom, string> Phone { get; init; }

    public required IReadOnlyList<(string Carrier, int Weight)> Carriers { get; init; }

    /// <summary>How invoice-paying customers of this market like to pay (bank giro in Sweden, SEPA debit in Germany …).</summary>
    public required IReadOnlyList<(PaymentMethod Method, int Weight)> InvoiceMethods { get; init; }

    /// <summary>Second octet of the customers' home addresses in 10.0.0.0/8, so each market has its own range.</summary>
    public required int HomeIpOctet { get; init; }

    /// <summary>Local price of one euro of catalogue price, in hundredths (SEK 11.20 → 1120).</summary>
    public required int PricePerEuroHundredths { get; init; }

    /// <summary>Prices end in whole units (1 299 kr) rather than .99 (129.99 €).</summary>
    public required bool WholeUnitPrices { get; init; }

    public required long ShippingFeeMinor { get; init; }

    public required long FreeShippingFromMinor { get; init; }

    /// <summary>The smallest order a financing plan is offered for.</summary>
    public required long FinancingFromMinor { get; init; }

    /// <summary>The reminder fee charged once when an instalment is missed (Swedish law caps it at 60 kr).</summary>
    public required long LateFeeMinor { get; init; }

    public DemoCity City(DemoRandom random) => random.PickWeighted(Cities);

    public Address NewAddress(DemoRandom random, DemoCity? city = null)
    {
        city ??= City(random);
        var street = random.Pick(Streets);
        var number = random.Between(1, MaxHouseNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var line1 = NumberBeforeStreet ? $"{number} {street}" : $"{street} {number}";
        return new Address(line1, Line2(random), city.Name, city.PostalCode(random), Country);
    }

    /// <summary>Converts a catalogue price in euro cents to a local shelf price (1 299 kr, 129.99 €).</summary>
    public long ShelfPriceMinor(long euroCents)
    {
        var localMajor = (euroCents * PricePerEuroHundredths + 5_000) / 10_000;
        if (WholeUnitPrices)
        {
            // Swedish shelves: 99, 149, 1 299 kr.
            var step = localMajor >= 1000 ? 100 : localMajor >= 200 ? 50 : 10;
            var rounded = Math.Max(step, (localMajor + step / 2) / step * step);
            return (rounded - 1) * 100;
        }

        // 9.99, 49.99, 1,299.99.
        var unit = localMajor >= 100 ? 10 : 1;
        var whole = Math.Max(unit, (localMajor + unit / 2) / unit * unit);
        return whole * 100 - 1;
    }
}

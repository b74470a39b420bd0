namespace Ombud.Commerce.DemoWorld;

/// <summary>Tracking numbers in each carrier's own shape, so a support agent sees what they would see in real life.</summary>
internal static class DemoCarriers
{
    public static string TrackingNumber(string carrier, string country, DemoRandom random) => carrier switch
    {
        // Postal operators use the UPU S10 format: two letters, eight digits, a check digit, the country.
        "PostNord" or "Royal Mail" => S10(random, country),
        "DHL" => "00340434" + random.Digits(12),
        "Budbee" => "BB" + random.Letters(4) + random.Digits(6),
        "Instabox" => random.Letters(3) + random.Digits(3) + random.Letters(2),
        "Hermes" => "H" + random.Digits(13),
        "DPD" => "0" + random.Digits(13),
        "GLS" => random.Digits(11),
        "Evri" => "H" + random.Digits(2) + random.Letters(3) + random.Digits(10),
        "Parcelforce" => random.Letters(2) + random.Digits(7),
        "USPS" => "9400" + random.Digits(18),
        "UPS" => "1Z" + random.Letters(3, "0123456789ABCDEFGHJKLMNPRSTUVWXYZ") + random.Letters(3) + random.Digits(10),
        "FedEx" => random.Digits(12),
        _ => random.Letters(4) + random.Digits(8),
    };

    /// <summary>Who brings sofas and beds, which parcel carriers do not.</summary>
    public static string Freight(string country) => country switch
    {
        "SE" or "DE" => "DB Schenker",
        "GB" => "DX Freight",
        _ => "XPO Logistics",
    };

    /// <summary>An airline-style booking reference, which is what a travel order "ships" as.</summary>
    public static string BookingReference(DemoRandom random) => random.Letters(6, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789");

    private static string S10(DemoRandom random, string country)
    {
        var serial = random.Digits(8);
        int[] weights = [8, 6, 4, 2, 3, 5, 9, 7];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (serial[i] - '0') * weights[i];
        }

        var check = 11 - (sum % 11);
        check = check == 10 ? 0 : check == 11 ? 5 : check;
        return $"{random.Letters(1, "CELRUV")}{random.Letters(1)}{serial}{check}{country}";
    }
}

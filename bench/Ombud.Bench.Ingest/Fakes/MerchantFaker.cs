using Ombud.Bench.Ingest.Api;

namespace Ombud.Bench.Ingest.Fakes;

internal static class MerchantFaker
{
    private static readonly IReadOnlyList<string> Brands =
        ["Nordic", "Polar", "Aurora", "Fjord", "Granit", "Linden", "Harbor", "Juniper", "Kestrel", "Meadow", "Summit", "Birch"];

    public static (MerchantPayload Payload, MerchantCategory Category) Create(Random random, string runId, long index)
    {
        var category = random.Pick(Catalogue.Categories);
        var market = Markets.PickWeighted(random);
        var name = $"{random.Pick(Brands)} {random.Pick(category.NameWords)} {LegalSuffix(market.Country)}";
        return (new MerchantPayload($"bench-{runId}-m-{index}", name, category.Code, market.Country), category);
    }

    private static string LegalSuffix(string country) => country switch
    {
        "SE" => "AB",
        "FI" => "Oy",
        "DE" => "GmbH",
        "NL" => "B.V.",
        "GB" => "Ltd",
        _ => "Inc.",
    };
}

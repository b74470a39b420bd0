namespace Ombud.Bench.Ingest.Fakes;

/// <summary>The API's plan kinds as it spells them in JSON; --plans narrows the mix.</summary>
internal static class PaymentPlans
{
    public const string Financing = "financing";

    public static readonly IReadOnlyList<string> Default = ["payIn4", "payIn30Days", Financing];

    private static readonly IReadOnlyList<int> FinancingMonths = [6, 12, 24, 36];

    /// <summary>Zero is the interest-free campaign merchants pay for; the rest are typical consumer APRs.</summary>
    private static readonly IReadOnlyList<int> AprBasisPoints = [0, 1_490, 1_990];

    /// <summary>Only financing has a term and a rate; the API refuses either on the other plans.</summary>
    public static (int? Months, int? AprBasisPoints) Terms(Random random, string plan) =>
        string.Equals(plan, Financing, StringComparison.OrdinalIgnoreCase)
            ? (random.Pick(FinancingMonths), random.Pick(AprBasisPoints))
            : (null, null);
}

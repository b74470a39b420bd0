namespace Ombud.Commerce.Difficulty;

/// <summary>Payment-difficulty rules per market (section <c>Ombud:Difficulty</c>, markets under <c>Markets:SE</c> and so on).</summary>
public sealed class DifficultyOptions
{
    public const string Section = "Ombud:Difficulty";

    public Dictionary<string, MarketDifficultyRules> Markets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rules of <paramref name="market"/>; a market not configured gets the cautious defaults (no fees).</summary>
    public MarketDifficultyRules For(string market) => Markets.GetValueOrDefault(market) ?? new MarketDifficultyRules();
}

/// <summary>One market's rules. Amounts are minor units of the market's currency.</summary>
public sealed class MarketDifficultyRules
{
    /// <summary>How many days an extension moves a due date.</summary>
    public int ExtensionDays { get; set; } = 14;

    /// <summary>How many extensions one plan may have in all (by the shopper and by staff).</summary>
    public int MaxExtensionsPerPlan { get; set; } = 2;

    /// <summary>The fee for an extension; zero for none.</summary>
    public long ExtensionFeeMinor { get; set; }

    /// <summary>
    /// True where the market's rules forbid charging for forbearance: then no fee is charged whatever
    /// <see cref="ExtensionFeeMinor"/> says (the UK's CONC 7.7 lets only reasonable costs be charged to a customer in
    /// arrears; we charge none).
    /// </summary>
    public bool FeesForbidden { get; set; }

    /// <summary>The most instalments a re-plan may spread what is left over.</summary>
    public int MaxReplanInstalments { get; set; } = 6;

    /// <summary>Instalments a shopper must have paid on time, the last ones, to re-plan without a person.</summary>
    public int OnTimeInstalmentsForSelfReplan { get; set; } = 3;

    /// <summary>The most a shopper may owe on the plan to re-plan it without a person.</summary>
    public long SelfServiceLimitMinor { get; set; } = 1_000_000;

    /// <summary>A breathing space a shopper may take themselves, once per plan.</summary>
    public int BreathingSpaceDays { get; set; } = 30;

    /// <summary>The longest breathing space staff may give (the UK's statutory Breathing Space is 60 days).</summary>
    public int MaxBreathingSpaceDays { get; set; } = 60;

    /// <summary>A write-off above this needs a second member of staff to approve it.</summary>
    public long WriteOffApprovalLimitMinor { get; set; } = 50_000;

    public long ExtensionFee => FeesForbidden ? 0 : ExtensionFeeMinor;

    /// <summary>Free, independent debt advice in the market, shown whenever a shopper says they struggle to pay.</summary>
    public List<DebtAdviceService> DebtAdvice { get; set; } = [];
}

public sealed class DebtAdviceService
{
    public string Name { get; set; } = "";

    public string? Url { get; set; }

    public string? Phone { get; set; }

    public string? About { get; set; }
}

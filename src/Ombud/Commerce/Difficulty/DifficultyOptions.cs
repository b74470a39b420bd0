namespace Ombud.Commerce.Difficulty;

/// <summary>Payment-difficulty rules per market (section <c>Ombud:Difficulty</c>, markets under <c>Markets:SE</c> and so on).</summary>
public sealed class DifficultyOptions
{
    public const string Section = "Ombud:Difficulty";

    public Dictionary<string, MarketDifficultyRules> Markets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The daily early-detection watch (section <c>Ombud:Difficulty:Watch</c>).</summary>
    public WatchRules Watch { get; set; } = new();

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

    /// <summary>The late fee charged per missed instalment by the daily run; zero (the default) charges none.</summary>
    public long LateFeeMinor { get; set; }

    /// <summary>Days after its due date before an unpaid instalment may be charged a late fee.</summary>
    public int LateFeeGraceDays { get; set; } = 7;

    /// <summary>
    /// The least number of days between the notice before a late fee and the fee (CONC 7.7 and the Consumer Duty: notice
    /// before action; the notice names the amount, the date and the options).
    /// </summary>
    public int NoticeDaysBeforeLateFee { get; set; } = 5;

    /// <summary>The market's regulatory text added to every notice before action.</summary>
    public string? NoticeText { get; set; }

    /// <summary>
    /// Days a payment must be overdue before the shopper gets a notice that the plan will be handed over to collection;
    /// zero (the default) hands nothing over in the market.
    /// </summary>
    public int CollectionNoticeDaysOverdue { get; set; }

    /// <summary>The least number of days between the collection notice and the hand-over (notice before action).</summary>
    public int CollectionNoticeDays { get; set; } = 14;

    /// <summary>The market's regulatory text for the collection notice; <see cref="NoticeText"/> when not set.</summary>
    public string? CollectionNoticeText { get; set; }

    public bool HandsOverToCollection => CollectionNoticeDaysOverdue > 0;

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

/// <summary>
/// Which signs flag a shopper and how often they may be contacted. The EU Consumer Credit Directive (2023/2225,
/// Art. 36) asks for procedures that detect consumers in difficulty early; the frequency limit keeps that from
/// becoming chasing.
/// </summary>
public sealed class WatchRules
{
    /// <summary>The hour of the day (UTC) the watch runs.</summary>
    public int HourUtc { get; set; } = 6;

    /// <summary>How far back late payments, extensions and disclosures count.</summary>
    public int LookbackDays { get; set; } = 90;

    /// <summary>A shopper is contacted by the watch at most once in this many days (and not again within it after staff resolve a case).</summary>
    public int ContactEveryDays { get; set; } = 30;

    public int LatePaymentsToFlag { get; set; } = 2;

    public int ExtensionsToFlag { get; set; } = 2;

    /// <summary>Rising balance: at least this many plans open at once …</summary>
    public int OpenPlansToFlag { get; set; } = 3;

    /// <summary>… of which at least this many were taken in the last <see cref="NewPlanDays"/> days.</summary>
    public int NewPlansToFlag { get; set; } = 2;

    public int NewPlanDays { get; set; } = 30;
}

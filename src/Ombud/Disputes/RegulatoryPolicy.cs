namespace Ombud.Disputes;

/// <summary>
/// The complaint clocks of one market: when the shopper must have an acknowledgement and when a final response.
/// Settable so operators can follow their own legal advice through configuration (Ombud:Disputes:Policies:…).
/// </summary>
public sealed class RegulatoryPolicy
{
    public string Name { get; set; } = "";

    public int AcknowledgeWithin { get; set; }

    public bool AcknowledgeInBusinessDays { get; set; }

    public int FinalResponseWithin { get; set; }

    public bool FinalResponseInBusinessDays { get; set; }

    /// <summary>When set, the final response is due after at most two such cycles, still capped by <see cref="FinalResponseWithin"/>.</summary>
    public int? BillingCycleDays { get; set; }

    /// <summary>When set, a complaint resolved by the end of this many business days after the day of receipt is a summary resolution.</summary>
    public int? SummaryResolutionBusinessDays { get; set; }

    /// <summary>
    /// United States, Regulation Z billing-error practice (12 CFR 1026.13). The CFPB applied it to BNPL in 2024 and
    /// withdrew that interpretive rule in 2025, so for BNPL it is best practice rather than law; we keep it.
    /// </summary>
    public static RegulatoryPolicy UnitedStates() => new()
    {
        Name = "US",
        // 12 CFR 1026.13(c)(1): written acknowledgement within 30 days of receiving the billing-error notice.
        AcknowledgeWithin = 30,
        // 12 CFR 1026.13(c)(2): resolve within two complete billing cycles, and in no event later than 90 days.
        FinalResponseWithin = 90,
        // A BNPL plan has no statement cycle; monthly is the conservative reading (two cycles = 60 days < 90).
        BillingCycleDays = 30,
    };

    /// <summary>United Kingdom, FCA Handbook DISP 1 (BNPL is regulated from 15 July 2026).</summary>
    public static RegulatoryPolicy UnitedKingdom() => new()
    {
        Name = "UK",
        // DISP 1.6.1R asks for a "prompt" written acknowledgement without a number; five business days is our reading.
        AcknowledgeWithin = 5,
        AcknowledgeInBusinessDays = true,
        // DISP 1.6.2R: a final response within eight weeks of receipt.
        FinalResponseWithin = 56,
        // DISP 1.5.2R: resolved by close of business on the third business day after the day of receipt, a complaint
        // may be closed with a summary resolution communication (DISP 1.5.4R) instead of a final response.
        SummaryResolutionBusinessDays = 3,
    };

    /// <summary>
    /// European Union. The Consumer Credit Directive (EU) 2023/2225 brings BNPL into scope from 20 November 2026 and
    /// requires complaint handling and access to ADR, but sets no number of days. We borrow the EU's own benchmark for
    /// payment complaints, PSD2 (Directive (EU) 2015/2366) Art. 101(2): a reply within 15 business days, and in
    /// exceptional situations a final reply within 35 business days. Configurable: member states' transpositions differ.
    /// </summary>
    public static RegulatoryPolicy EuropeanUnion() => new()
    {
        Name = "EU",
        AcknowledgeWithin = 15,
        AcknowledgeInBusinessDays = true,
        FinalResponseWithin = 35,
        FinalResponseInBusinessDays = true,
    };

    /// <summary>Any other market: the UK's eight weeks, a conservative clock, until a market's own rules are configured.</summary>
    public static RegulatoryPolicy Default() => new()
    {
        Name = "default",
        AcknowledgeWithin = 14,
        FinalResponseWithin = 56,
    };
}

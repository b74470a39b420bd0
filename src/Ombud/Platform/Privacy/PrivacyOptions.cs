namespace Ombud.Platform.Privacy;

/// <summary>How long what is kept about customers is kept (section <c>Ombud:Privacy</c>); see docs/security.md, "Data rights".</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Ombud:Privacy";

    /// <summary>
    /// How long financial records (orders, plans, payments, refunds) stay after erasure, pseudonymised: a lender must keep
    /// them (UK MLR 2017 reg. 40, EU AMLD art. 40: five years after the relationship ends; tax and accounting law: up to
    /// seven to ten). After this the rows may go; no sweep deletes them yet (documented).
    /// </summary>
    public int KeepFinancialYears { get; set; } = 7;

    /// <summary>Days after a conversation ends that its message text, hand-off summaries and pending question are removed.</summary>
    public int ConversationDays { get; set; } = 730;

    /// <summary>Days after a dispute closes that its evidence files' content and given names are removed (complaint records: FCA DISP 1.9, 3 years).</summary>
    public int EvidenceDays { get; set; } = 1095;

    /// <summary>Days after an e-mail was queued that it is deleted from the outbox once sent or failed (address and words are personal data).</summary>
    public int MailDays { get; set; } = 90;

    /// <summary>How often the retention timers fire.</summary>
    public int SweepHours { get; set; } = 24;
}

namespace Ombud.Fraud.Cases;

/// <summary>Where a fraud case stands.</summary>
public enum CaseState
{
    /// <summary>Opened; nobody has started on it (it may already be assigned).</summary>
    Open,
    Investigating,

    /// <summary>Liability decided and nothing to recover: the shopper pays, or there was no fraud.</summary>
    Decided,

    /// <summary>Liability decided and the shopper cleared: the loss is to be recovered from the merchant or written off.</summary>
    RecoveryPending,
    Closed,
}

/// <summary>What opened the case.</summary>
public enum CaseSource
{
    /// <summary>A shopper reported an unauthorised purchase (the <c>dispute.unauthorised-reported</c> event).</summary>
    UnauthorisedReport,

    /// <summary>A risk decision sent the order to review (<c>risk.decided</c>).</summary>
    ReviewDecision,

    /// <summary>A fraud specialist opened it by hand.</summary>
    Manual,

    /// <summary>A fraud specialist opened it on a ring the ring detection found (on the ring's largest fraud order).</summary>
    Ring,
}

/// <summary>Who should pay, as the investigation found.</summary>
public enum Liability
{
    /// <summary>Someone else placed the order: the shopper is cleared, the loss recovered from the merchant or written off.</summary>
    ThirdPartyFraud,

    /// <summary>The shopper placed it and claims otherwise: the shopper pays.</summary>
    FirstPartyFraud,

    /// <summary>The store erred: the shopper is cleared and the merchant bears the loss.</summary>
    MerchantError,

    /// <summary>No fraud (a family member's purchase, a forgotten order): the shopper pays.</summary>
    NotFraud,
}

/// <summary>One line of a case's own timeline.</summary>
public enum CaseEntryKind
{
    Opened,
    Assigned,
    Started,
    Note,
    ExternalEvidence,
    File,
    Decided,
    Recovered,
    WrittenOff,
    Closed,
}

/// <summary>How a recovery booking settles part of the loss.</summary>
public enum RecoveryKind
{
    /// <summary>Money came back from the merchant.</summary>
    Recovered,

    /// <summary>The provider bears it, by policy (too small to pursue, the merchant is gone).</summary>
    WrittenOff,
}

internal static class LiabilityWords
{
    public static bool ClearsShopper(this Liability liability) => liability is Liability.ThirdPartyFraud or Liability.MerchantError;

    /// <summary>The label the decision feeds back: first- and third-party fraud are fraud; a store's error and no fraud are not.</summary>
    public static bool IsFraud(this Liability liability) => liability is Liability.ThirdPartyFraud or Liability.FirstPartyFraud;

    public static string Words(this Liability liability) => liability switch
    {
        Liability.ThirdPartyFraud => "third-party fraud",
        Liability.FirstPartyFraud => "first-party fraud",
        Liability.MerchantError => "merchant error",
        _ => "not fraud",
    };

    public static string Words(this CaseState state) => state switch
    {
        CaseState.Open => "open",
        CaseState.Investigating => "investigating",
        CaseState.Decided => "decided",
        CaseState.RecoveryPending => "recovery pending",
        _ => "closed",
    };

    public static string Words(this CaseSource source) => source switch
    {
        CaseSource.UnauthorisedReport => "unauthorised-purchase report",
        CaseSource.ReviewDecision => "risk review",
        CaseSource.Ring => "fraud ring",
        _ => "opened by hand",
    };
}

namespace Ombud.Disputes;

/// <summary>Why a purchase is disputed. Each reason has its own merchant deadline (<see cref="DisputeClock"/>).</summary>
public enum DisputeReason
{
    /// <summary>Goods returned or the order cancelled, but no refund came.</summary>
    RefundNotProcessed,
    GoodsOrServiceNotReceived,
    DefectiveOrNotAsDescribed,

    /// <summary>Charged the wrong amount, or charged twice.</summary>
    IncorrectAmount,
    UnauthorisedPurchase,

    /// <summary>Raised by the provider, not the shopper: the merchant must stop delivery or respond within 96 hours.</summary>
    HighRiskPurchase,
    Other,
}

/// <summary>
/// Where a dispute stands. <see cref="Reported"/> is the shopper's time with the store; the rest is the merchant-side
/// lifecycle the provider runs once a report escalates.
/// </summary>
public enum DisputeState
{
    Reported,
    Initiated,
    Representment,
    PreArbitration,
    Arbitration,
    Closed,
}

/// <summary>How a closed dispute ended, from the merchant's side as the card networks put it.</summary>
public enum DisputeOutcome
{
    MerchantWon,
    MerchantLost,
    SettledWithStore,
    Withdrawn,
}

/// <summary>Why a dispute ended as it did, in the words the merchant and the shopper are shown.</summary>
public enum DisputeOutcomeDetail
{
    MerchantAcceptedLoss,
    MerchantDidNotReply,
    InsufficientProofOfDelivery,
    EvidenceNotCompelling,
    EvidenceCompelling,
    ProofOfDelivery,
    NotAppealed,
    AppealUpheld,
    AppealRejected,
    SettledWithStore,
    WithdrawnByShopper,

    /// <summary>A fraud specialist found someone else placed the order: the shopper is cleared.</summary>
    ThirdPartyFraud,

    /// <summary>A fraud specialist found the shopper placed the order after all: it stays due.</summary>
    FirstPartyFraud,

    /// <summary>A fraud specialist found the store at fault (charged the wrong person, shipped against a failed check): the shopper is cleared.</summary>
    MerchantError,

    /// <summary>A fraud specialist found no fraud (a family member's purchase, a forgotten order): it stays due.</summary>
    NotFraud,
}

/// <summary>Everything that can happen to a dispute; each one is a row of its transition history.</summary>
public enum DisputeMove
{
    Report,
    RaiseHighRisk,
    RegisterReturn,
    AddInformation,
    MarkSettled,
    Withdraw,
    Escalate,
    AcceptLoss,
    SubmitEvidence,
    Decide,
    Appeal,
    Close,
    ExpireMerchantDeadline,

    /// <summary>A fraud case's liability decision settles an unauthorised-purchase dispute, whatever its stage.</summary>
    DecideLiability,

    /// <summary>The store writes to the shopper during the store period, to settle.</summary>
    MessageShopper,

    /// <summary>The store refunds all or part of the disputed amount during the store period; the money moves at once.</summary>
    RefundInStore,

    /// <summary>The shopper does not take what the store offered and goes on: Ombud asks the store for its side now.</summary>
    DeclineSettlement,
}

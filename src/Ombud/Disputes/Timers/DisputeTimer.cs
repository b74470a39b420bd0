namespace Ombud.Disputes.Timers;

/// <summary>The clocks the timers fire, in the order one tick fires them. Each one finds its due disputes with a query (<see cref="DueDisputes"/>).</summary>
internal enum DisputeTimer
{
    /// <summary>The store-resolution period ended and the report is still unsettled: the provider escalates it.</summary>
    StoreResolutionOver,

    /// <summary>The merchant let its deadline pass in initiated: an automatic loss.</summary>
    MerchantDeadlinePassed,

    /// <summary>The merchant did not appeal a preliminary loss in time: the loss becomes final.</summary>
    AppealWindowOver,

    /// <summary>The regulatory final response is due soon and the dispute is still open: priority review.</summary>
    FinalResponseNear,

    /// <summary>The regulatory final-response deadline passed with the dispute still open: flagged as missed.</summary>
    FinalResponseMissed,
}

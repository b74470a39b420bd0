namespace Ombud.Disputes.Timers;

/// <summary>The clocks of a dispute, each a durable timer of its own kind (<see cref="DisputeClocks"/> sets them).</summary>
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

internal static class DisputeTimerKinds
{
    public static readonly IReadOnlyDictionary<DisputeTimer, string> Kind = new Dictionary<DisputeTimer, string>
    {
        [DisputeTimer.StoreResolutionOver] = "disputes.store-period-over",
        [DisputeTimer.MerchantDeadlinePassed] = "disputes.merchant-deadline",
        [DisputeTimer.AppealWindowOver] = "disputes.appeal-window-over",
        [DisputeTimer.FinalResponseNear] = "disputes.final-response-near",
        [DisputeTimer.FinalResponseMissed] = "disputes.final-response-missed",
    };

    /// <summary>
    /// "Look at this dispute's clocks now": set for every open dispute by the migration that moved dispute clocks onto
    /// durable timers, so disputes opened before it get their timers from the same rules as new ones.
    /// </summary>
    public const string Plan = "disputes.plan-clocks";

    public static readonly IReadOnlyList<string> All = [.. Kind.Values, Plan];

    public static DisputeTimer Of(string kind) => Kind.Single(k => k.Value == kind).Key;
}

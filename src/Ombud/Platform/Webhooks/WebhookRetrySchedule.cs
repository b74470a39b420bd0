namespace Ombud.Platform.Webhooks;

/// <summary>
/// When a failed delivery is tried again: quickly at first (a receiver that blinked), then backing off so an endpoint
/// that is down for a day is not hammered, and giving up after about 27.6 hours — more than a day, as the Disputes
/// issue asks, so a receiver down over a night and a morning still gets every event.
/// </summary>
public static class WebhookRetrySchedule
{
    /// <summary>The wait after the first, second, … failed attempt; after the last one the delivery fails.</summary>
    public static readonly IReadOnlyList<TimeSpan> Delays =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    /// <summary>Scheduled attempts in all: the first, then one after each delay.</summary>
    public static int MaxAttempts => Delays.Count + 1;

    /// <summary>The wait after <paramref name="failedAttempts"/> failed attempts, or null when none is left.</summary>
    public static TimeSpan? DelayAfter(int failedAttempts) =>
        failedAttempts >= 1 && failedAttempts <= Delays.Count ? Delays[failedAttempts - 1] : null;
}

namespace Ombud.Platform.Events;

/// <summary>How events reach subscribers and timers fire (section <c>Ombud:Events</c>).</summary>
public sealed class EventOptions
{
    public const string Section = "Ombud:Events";

    /// <summary>Whether this process runs the dispatcher and the timers. Unset: <c>serve</c> does, one-shot verbs and test hosts do not.</summary>
    public bool? RunInBackground { get; set; }

    /// <summary>How often a node looks for work that other nodes committed (its own commits wake it at once).</summary>
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>How many deliveries or timers one claim takes.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claim holds work before another node may take it over (a node that died mid-work).</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts before a delivery or timer becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles with each further one, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public int FirstRetryMilliseconds { get; set; } = 1000;

    public int MaxRetryDelaySeconds { get; set; } = 600;

    /// <summary>Work items one node handles at the same time.</summary>
    public int Parallelism { get; set; } = 4;

    public TimeSpan Poll => TimeSpan.FromMilliseconds(PollMilliseconds);

    public TimeSpan LeaseTime => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan RetryDelay(int attempts) =>
        Storage.QueuedWork.Backoff(attempts, TimeSpan.FromMilliseconds(FirstRetryMilliseconds), TimeSpan.FromSeconds(MaxRetryDelaySeconds));
}

namespace Ombud.Platform.Idempotency;

/// <summary>How long answers to Idempotency-Keys are kept (section <c>Ombud:Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Ombud:Idempotency";

    /// <summary>A key is honoured for at least this long after its request; a retry later than that is a new request.</summary>
    public int KeepHours { get; set; } = 24;

    /// <summary>How often a node deletes the records older than <see cref="KeepHours"/>.</summary>
    public int SweepMinutes { get; set; } = 10;

    public TimeSpan Keep => TimeSpan.FromHours(KeepHours);
}

namespace Ombud.Fraud;

/// <summary>Settings under <c>Ombud:Fraud</c>.</summary>
public sealed class FraudOptions
{
    public const string Section = "Ombud:Fraud";

    /// <summary>A model made by <c>ombud fraud train</c>. Unset: one trained at start from the labelled history (demo mode), else rules only.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Whether a demo node without <see cref="ModelPath"/> trains a model from the database's labelled history at start.</summary>
    public bool TrainAtStart { get; set; } = true;

    /// <summary>A score at or above this sends the order to review.</summary>
    public double ReviewAt { get; set; } = 0.3;

    /// <summary>A score at or above this declines the order.</summary>
    public double DeclineAt { get; set; } = 0.8;

    /// <summary>
    /// On PostgreSQL, how many group-commit writers store decisions asked on demand side by side (<c>DecisionBatches</c>).
    /// With one, a decision assessed while a batch commits waits for that batch and then its own; a batch held up (the
    /// node or the database paused for a moment) then holds up every decision behind it. SQLite has one: its writes wait
    /// at the node's one write gate anyway. One by default: two made batches half as big (1.9 decisions against 3.5)
    /// and, on a loaded two-core machine, no tail measurably shorter (docs/benchmarks.md, helper <c>risktail</c>).
    /// </summary>
    public int DecisionWriters { get; set; } = 1;

    /// <summary>The daily ring detection (<c>Ombud:Fraud:Rings</c>).</summary>
    public RingOptions Rings { get; set; } = new();

    public bool IsValid() => ReviewAt is > 0 and < 1 && DeclineAt is > 0 and <= 1 && ReviewAt <= DeclineAt && DecisionWriters is >= 1 and <= 64 && Rings.IsValid();
}

/// <summary>When rings are looked for and how big a group of linked customers must be to count as one.</summary>
public sealed class RingOptions
{
    /// <summary>Customers a connected group needs at least to be a ring (two is a household as often as a ring).</summary>
    public int MinCustomers { get; set; } = 3;

    /// <summary>The hour (UTC) the daily detection runs.</summary>
    public int HourUtc { get; set; } = 3;

    /// <summary>
    /// Two customers are linked by an identity only when their orders used it within this many days of each other: an
    /// address two customers used five years apart is a house that changed hands, not a ring.
    /// </summary>
    public int WindowDays { get; set; } = 90;

    public bool IsValid() => MinCustomers is >= 2 and <= 1000 && HourUtc is >= 0 and <= 23 && WindowDays is >= 1 and <= 3650;
}

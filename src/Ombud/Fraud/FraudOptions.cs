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

    public bool IsValid() => ReviewAt is > 0 and < 1 && DeclineAt is > 0 and <= 1 && ReviewAt <= DeclineAt;
}

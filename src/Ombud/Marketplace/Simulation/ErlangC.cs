namespace Ombud.Marketplace.Simulation;

/// <summary>
/// The Erlang C model of a queue with <c>c</c> agents, Poisson arrivals, exponential handling and no abandonment
/// (M/M/c): the chance to wait, the mean wait and the share answered within a threshold, from the textbook formulas.
/// The traffic A = λ · AHT in Erlangs; the queue is stable only while A &lt; c.
/// </summary>
public sealed record ErlangC(double ProbabilityOfWaiting, double MeanWaitSeconds, double Occupancy)
{
    /// <summary>The model for the inputs, or null when the load is at or above the agents (A ≥ c): the queue grows without end.</summary>
    public static ErlangC? For(double arrivalsPerSecond, double handlingSeconds, int agents)
    {
        var traffic = arrivalsPerSecond * handlingSeconds;
        if (agents < 1 || traffic >= agents)
        {
            return null;
        }

        // Erlang B by its recursion B(k) = A·B(k−1) / (k + A·B(k−1)), which stays within floating point for any c,
        // then C = c·B / (c − A·(1 − B)).
        var blocking = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            blocking = traffic * blocking / (k + traffic * blocking);
        }

        var waiting = agents * blocking / (agents - traffic * (1 - blocking));
        return new ErlangC(waiting, waiting * handlingSeconds / (agents - traffic), traffic / agents)
        {
            Agents = agents,
            Traffic = traffic,
            HandlingSeconds = handlingSeconds,
        };
    }

    public int Agents { get; private init; }

    /// <summary>The offered load in Erlangs.</summary>
    public double Traffic { get; private init; }

    public double HandlingSeconds { get; private init; }

    /// <summary>The share answered within <paramref name="seconds"/>: 1 − P(wait) · e^(−(c − A)·t / AHT).</summary>
    public double ServiceLevel(double seconds) =>
        1 - ProbabilityOfWaiting * Math.Exp(-(Agents - Traffic) * seconds / HandlingSeconds);
}

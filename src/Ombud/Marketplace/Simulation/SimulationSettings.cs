namespace Ombud.Marketplace.Simulation;

/// <summary>What <c>ombud simulate</c> was asked to run.</summary>
/// <param name="ArrivalsPerMinute">Hand-offs per minute, arriving as a Poisson process.</param>
/// <param name="HandlingSeconds">Mean handling time of an agent at level 3 of the skill; exponential.</param>
/// <param name="PatienceSeconds">Mean time a shopper waits before leaving (exponential); null: nobody leaves.</param>
internal sealed record SimulationSettings(double ArrivalsPerMinute, double HandlingSeconds, int Agents, double Minutes, SkillMix Skills,
    double? PatienceSeconds, int Seed, DispatchMode Dispatch)
{
    /// <summary>The contact-centre norm's threshold: answered within 20 seconds.</summary>
    public const double ServiceLevelSeconds = 20;

    /// <summary>The first tenth of the run is not counted: the centre opens empty, which is no steady state.</summary>
    public double WarmUpSeconds => Minutes * 60 / 10;

    public double EndSeconds => Minutes * 60;
}

/// <summary>One skill for everything (the Erlang C case), or a mix of needs and of agents' skills.</summary>
internal enum SkillMix
{
    Single,
    Mixed,
}

/// <summary>The real rules (<see cref="Dispatch.DispatchRules"/>), or any free agent at random with the queue in arrival order, for comparison.</summary>
internal enum DispatchMode
{
    Skills,
    Random,
}

namespace Ombud.Bench.Handoff.Cli;

/// <summary>A checked command line: who takes part, how fast hand-offs come, for how long, and when one counts as missed.</summary>
internal sealed record HandoffOptions(
    Uri BaseUrl,
    string AdminKey,
    IReadOnlyList<string> Accounts,
    string Password,
    int Agents,
    int Capacity,
    double Rate,
    TimeSpan Measured,
    TimeSpan Warmup,
    TimeSpan MissAfter,
    bool Json);

namespace Ombud.Bench.Assistant.Cli;

/// <summary>A checked command line: what to load, how hard, and for how long.</summary>
internal sealed record BenchOptions(
    Uri BaseUrl,
    string AdminKey,
    string ShopperEmail,
    string ShopperPassword,
    int Conversations,
    int TurnsPerConversation,
    long Turns,
    long Warmup,
    TimeSpan? Duration,
    double? Rate,
    int? Seed,
    bool Json);

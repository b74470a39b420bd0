namespace Ombud.Bench.Ingest.Cli;

internal sealed record BenchOptions(
    Uri BaseUrl,
    string ApiKey,
    int Orders,
    int Concurrency,
    int Warmup,
    int Merchants,
    int Customers,
    TimeSpan? Duration,
    TimeSpan RequestTimeout,
    IReadOnlyList<string> Plans,
    int? Seed,
    int Batch,
    bool Json);

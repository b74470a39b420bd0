using System.CommandLine;

namespace Ombud.Bench.Ingest.Cli;

/// <summary>The command line: parses, validates and hands a checked <see cref="BenchOptions"/> to the run.</summary>
internal static class BenchCommand
{
    public const string KeyEnvironmentVariable = "OMBUD_BENCH_KEY";

    private static readonly Option<string> Url = new("--url")
    {
        Description = "Base URL of the Ombud server, e.g. http://127.0.0.1:5080 (loopback only)",
        Required = true,
    };

    private static readonly Option<string?> Key = new("--key")
    {
        Description = $"API key with the ingest scope (default: ${KeyEnvironmentVariable}, which keeps it out of ps)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(KeyEnvironmentVariable),
    };

    private static readonly Option<int> Orders = new("--orders")
    {
        Description = "Measured orders to post, after the warmup",
        DefaultValueFactory = _ => 20_000,
    };

    private static readonly Option<int> Concurrency = new("--concurrency", "-c")
    {
        Description = "Parallel workers, each with one request in flight",
        DefaultValueFactory = _ => 32,
    };

    private static readonly Option<int> Warmup = new("--warmup")
    {
        Description = "Orders posted first and left out of the figures",
        DefaultValueFactory = _ => 1_000,
    };

    private static readonly Option<int> Merchants = new("--merchants")
    {
        Description = "Merchants created before the load",
        DefaultValueFactory = _ => 50,
    };

    private static readonly Option<int> Customers = new("--customers")
    {
        Description = "Customers created before the load",
        DefaultValueFactory = _ => 2_000,
    };

    private static readonly Option<double?> Duration = new("--duration")
    {
        Description = "Stop the measured phase after this many seconds even if not all orders were posted",
    };

    private static readonly Option<double> Timeout = new("--timeout")
    {
        Description = "Per-request timeout in seconds; a timed-out request counts as an error",
        DefaultValueFactory = _ => 30,
    };

    private static readonly Option<string> Plans = new("--plans")
    {
        Description = "Comma-separated payment plans to spread orders over",
        DefaultValueFactory = _ => string.Join(',', Fakes.PaymentPlans.Default),
    };

    private static readonly Option<int?> Seed = new("--seed")
    {
        Description = "Seed for the fake data, for repeatable payloads",
    };

    private static readonly Option<int> Batch = new("--batch")
    {
        Description = "Orders per request: 1 posts each order to /orders, more post them together to /orders/batch",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the figures as one JSON object on stdout (progress goes to stderr)",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Load generator for Ombud order ingestion over HTTP.")
        {
            Url, Key, Orders, Concurrency, Warmup, Merchants, Customers, Duration, Timeout, Plans, Seed, Batch, Json,
        };
        root.SetAction((parse, cancellation) => BenchRun.ExecuteAsync(Bind(parse), cancellation));

        var parsed = root.Parse(args);
        var errors = parsed.Errors.Select(e => e.Message).ToList();
        // Help and version have their own actions; only a real run needs the range checks.
        if (errors.Count == 0 && IsOwnAction(parsed, root))
        {
            errors.AddRange(Validate(parsed));
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"error: {error}");
            }

            await Console.Error.WriteLineAsync("Run with --help for the options.");
            return ExitCodes.BadArguments;
        }

        return await parsed.InvokeAsync();
    }

    private static bool IsOwnAction(ParseResult parsed, RootCommand root) => ReferenceEquals(parsed.Action, root.Action);

    private static IEnumerable<string> Validate(ParseResult parse)
    {
        var url = parse.GetValue(Url);
        if (TargetUrl.Check(url) is { } urlError)
        {
            yield return urlError;
        }

        if (string.IsNullOrWhiteSpace(parse.GetValue(Key)))
        {
            yield return $"--key is required (or set ${KeyEnvironmentVariable}).";
        }

        if (parse.GetValue(Orders) < 1)
        {
            yield return "--orders must be at least 1.";
        }

        if (parse.GetValue(Concurrency) is < 1 or > 4096)
        {
            yield return "--concurrency must be between 1 and 4096.";
        }

        if (parse.GetValue(Warmup) < 0)
        {
            yield return "--warmup must not be negative.";
        }

        if (parse.GetValue(Merchants) is < 1 or > 100_000)
        {
            yield return "--merchants must be between 1 and 100000.";
        }

        if (parse.GetValue(Customers) is < 1 or > 1_000_000)
        {
            yield return "--customers must be between 1 and 1000000.";
        }

        if (parse.GetValue(Duration) is { } duration && !(duration > 0 && duration <= TimeSpan.FromDays(1).TotalSeconds))
        {
            yield return "--duration must be a positive number of seconds, at most one day.";
        }

        var timeout = parse.GetValue(Timeout);
        if (!(timeout > 0 && timeout <= 300))
        {
            yield return "--timeout must be more than 0 and at most 300 seconds.";
        }

        if (parse.GetValue(Batch) is < 1 or > 500)
        {
            yield return "--batch must be between 1 and 500 (the API's limit).";
        }

        if (SplitPlans(parse.GetValue(Plans)).Count == 0)
        {
            yield return "--plans must name at least one plan.";
        }
    }

    private static BenchOptions Bind(ParseResult parse) => new(
        BaseUrl: TargetUrl.Normalise(parse.GetRequiredValue(Url)),
        ApiKey: parse.GetValue(Key)!.Trim(),
        Orders: parse.GetValue(Orders),
        Concurrency: parse.GetValue(Concurrency),
        Warmup: parse.GetValue(Warmup),
        Merchants: parse.GetValue(Merchants),
        Customers: parse.GetValue(Customers),
        Duration: parse.GetValue(Duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        RequestTimeout: TimeSpan.FromSeconds(parse.GetValue(Timeout)),
        Plans: SplitPlans(parse.GetValue(Plans)),
        Seed: parse.GetValue(Seed),
        Batch: parse.GetValue(Batch),
        Json: parse.GetValue(Json));

    private static List<string> SplitPlans(string? plans) =>
        (plans ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}

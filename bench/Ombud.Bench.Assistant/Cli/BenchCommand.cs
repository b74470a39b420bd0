using System.CommandLine;
using Ombud.Bench.Ingest.Cli;

namespace Ombud.Bench.Assistant.Cli;

/// <summary>The command line: parses, validates and hands a checked <see cref="BenchOptions"/> to the run.</summary>
internal static class BenchCommand
{
    public const string KeyEnvironmentVariable = "OMBUD_BENCH_KEY";
    public const string PasswordEnvironmentVariable = "OMBUD_BENCH_SHOPPER_PASSWORD";

    private static readonly Option<string> Url = new("--url")
    {
        Description = "Base URL of the Ombud server, e.g. http://127.0.0.1:5080 (loopback only)",
        Required = true,
    };

    private static readonly Option<string?> Key = new("--key")
    {
        Description = $"API key with the admin scope, to read the server's turn latency (default: ${KeyEnvironmentVariable})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(KeyEnvironmentVariable),
    };

    private static readonly Option<string> Email = new("--shopper")
    {
        Description = "Email of the shopper account the conversations sign in as",
        DefaultValueFactory = _ => "shopper@demo.ombud.test",
    };

    private static readonly Option<string?> Password = new("--password")
    {
        Description = $"That account's password (default: ${PasswordEnvironmentVariable}, else the demo password)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PasswordEnvironmentVariable) ?? "Ombud-demo-1",
    };

    private static readonly Option<int> Conversations = new("--conversations", "-c")
    {
        Description = "Concurrent conversations, each on its own SignalR connection with one message in flight",
        DefaultValueFactory = _ => 200,
    };

    private static readonly Option<int> TurnsPerConversation = new("--turns-per-conversation")
    {
        Description = "Messages in one conversation before it is left and a new one started (a hand-off ends one early)",
        DefaultValueFactory = _ => 8,
    };

    private static readonly Option<long> Turns = new("--turns")
    {
        Description = "Measured turns, after the warm-up",
        DefaultValueFactory = _ => 30_000,
    };

    private static readonly Option<long> Warmup = new("--warmup")
    {
        Description = "Turns sent first and left out of the figures (the server's window is reset after them)",
        DefaultValueFactory = _ => 3_000,
    };

    private static readonly Option<double?> Duration = new("--duration")
    {
        Description = "Stop the measured phase after this many seconds even if not all turns were sent",
    };

    private static readonly Option<double?> Rate = new("--rate")
    {
        Description = "Send at most this many turns a second in all, on a fixed schedule (each conversation still one message at a time); "
                      + "unset: each conversation sends its next message as soon as the last is answered",
    };

    private static readonly Option<int?> Seed = new("--seed")
    {
        Description = "Seed for the message mix, for a repeatable run",
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the figures as one JSON object on stdout (progress goes to stderr)",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Load generator for the Ombud assistant: concurrent SignalR conversations of a signed-in shopper.")
        {
            Url, Key, Email, Password, Conversations, TurnsPerConversation, Turns, Warmup, Duration, Rate, Seed, Json,
        };
        root.SetAction((parse, cancellation) => BenchRun.ExecuteAsync(Bind(parse), cancellation));

        var parsed = root.Parse(args);
        var errors = parsed.Errors.Select(e => e.Message).ToList();
        if (errors.Count == 0 && ReferenceEquals(parsed.Action, root.Action))
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

    private static IEnumerable<string> Validate(ParseResult parse)
    {
        if (TargetUrl.Check(parse.GetValue(Url)) is { } urlError)
        {
            yield return urlError;
        }

        if (string.IsNullOrWhiteSpace(parse.GetValue(Key)))
        {
            yield return $"--key is required (or set ${KeyEnvironmentVariable}): the figures that count are the server's.";
        }

        if (parse.GetValue(Conversations) is < 1 or > 5_000)
        {
            yield return "--conversations must be between 1 and 5000.";
        }

        if (parse.GetValue(TurnsPerConversation) is < 1 or > 15)
        {
            // The assistant answers a conversation's 21st message in a minute with "slow down"; timing that is not the point.
            yield return "--turns-per-conversation must be between 1 and 15.";
        }

        if (parse.GetValue(Turns) < 1)
        {
            yield return "--turns must be at least 1.";
        }

        if (parse.GetValue(Warmup) < 0)
        {
            yield return "--warmup must not be negative.";
        }

        if (parse.GetValue(Duration) is { } duration && !(duration > 0 && duration <= TimeSpan.FromDays(1).TotalSeconds))
        {
            yield return "--duration must be a positive number of seconds, at most one day.";
        }

        if (parse.GetValue(Rate) is { } rate && !(rate > 0 && rate <= 1_000_000))
        {
            yield return "--rate must be a positive number of turns a second, at most 1000000.";
        }
    }

    private static BenchOptions Bind(ParseResult parse) => new(
        BaseUrl: TargetUrl.Normalise(parse.GetRequiredValue(Url)),
        AdminKey: parse.GetValue(Key)!.Trim(),
        ShopperEmail: parse.GetRequiredValue(Email),
        ShopperPassword: parse.GetValue(Password) ?? "",
        Conversations: parse.GetValue(Conversations),
        TurnsPerConversation: parse.GetValue(TurnsPerConversation),
        Turns: parse.GetValue(Turns),
        Warmup: parse.GetValue(Warmup),
        Duration: parse.GetValue(Duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Rate: parse.GetValue(Rate),
        Seed: parse.GetValue(Seed),
        Json: parse.GetValue(Json));
}

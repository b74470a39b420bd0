using System.CommandLine;
using Ombud.Bench.Ingest.Cli;

namespace Ombud.Bench.Handoff.Cli;

/// <summary>The command line: parses, validates and hands a checked <see cref="HandoffOptions"/> to the run.</summary>
internal static class HandoffCommand
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
        Description = $"API key with the admin scope, to certify the agents' skills (default: ${KeyEnvironmentVariable})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(KeyEnvironmentVariable),
    };

    private static readonly Option<FileInfo> Accounts = new("--accounts")
    {
        Description = "A file of shopper e-mails, one a line ('ombud seed --shopper-accounts N' makes them); the first become agents",
        Required = true,
    };

    private static readonly Option<string?> Password = new("--password")
    {
        Description = $"The password those accounts share (default: ${PasswordEnvironmentVariable})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PasswordEnvironmentVariable),
    };

    private static readonly Option<int> Agents = new("--agents")
    {
        Description = "Agents on the agent hub, online, each accepting every offer and wrapping up at once",
        DefaultValueFactory = _ => 40,
    };

    private static readonly Option<int> Capacity = new("--capacity")
    {
        Description = "Conversations each agent takes at once (1-3: they start as trainees)",
        DefaultValueFactory = _ => 3,
    };

    private static readonly Option<double> Rate = new("--rate")
    {
        Description = "Hand-offs a second, on a fixed schedule whatever the answers (open loop)",
        DefaultValueFactory = _ => 200,
    };

    private static readonly Option<double> Seconds = new("--seconds")
    {
        Description = "Length of the measured phase",
        DefaultValueFactory = _ => 30,
    };

    private static readonly Option<double> Warmup = new("--warmup")
    {
        Description = "Seconds of hand-offs at the same rate first, left out of the figures",
        DefaultValueFactory = _ => 5,
    };

    private static readonly Option<double> MissAfter = new("--miss-after")
    {
        Description = "A hand-off whose offer has not reached an agent this many seconds after its acknowledgement counts as missed",
        DefaultValueFactory = _ => 10,
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the figures as one JSON object on stdout (progress goes to stderr)",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Load generator for hand-offs: shoppers ask for a person at a fixed rate; agents on the agent hub take the offers. "
                                   + "Measures from the hand-off's acknowledgement to the offer's arrival on an agent's connection.")
        {
            Url, Key, Accounts, Password, Agents, Capacity, Rate, Seconds, Warmup, MissAfter, Json,
        };
        root.SetAction((parse, cancellation) => HandoffRun.ExecuteAsync(Bind(parse), cancellation));

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
            yield return $"--key is required (or set ${KeyEnvironmentVariable}): certifying the agents needs an admin key.";
        }

        if (string.IsNullOrEmpty(parse.GetValue(Password)))
        {
            yield return $"--password is required (or set ${PasswordEnvironmentVariable}).";
        }

        var agents = parse.GetValue(Agents);
        if (agents is < 1 or > 2_000)
        {
            yield return "--agents must be between 1 and 2000.";
        }

        if (parse.GetValue(Capacity) is < 1 or > 3)
        {
            yield return "--capacity must be between 1 and 3.";
        }

        if (parse.GetValue(Accounts) is { } file && (!file.Exists || ReadAccounts(file).Count <= agents))
        {
            yield return $"--accounts must name a file with more e-mails than --agents ({file.FullName}).";
        }

        if (parse.GetValue(Rate) is not (> 0 and <= 10_000))
        {
            yield return "--rate must be above 0 and at most 10000 a second.";
        }

        foreach (var (name, value) in new[] { ("--seconds", parse.GetValue(Seconds)), ("--miss-after", parse.GetValue(MissAfter)) })
        {
            if (value is not (> 0 and <= 3_600))
            {
                yield return $"{name} must be a positive number of seconds, at most an hour.";
            }
        }

        if (parse.GetValue(Warmup) is not (>= 0 and <= 600))
        {
            yield return "--warmup must be from 0 to 600 seconds.";
        }
    }

    private static List<string> ReadAccounts(FileInfo file) =>
        [.. File.ReadLines(file.FullName).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static HandoffOptions Bind(ParseResult parse) => new(
        BaseUrl: TargetUrl.Normalise(parse.GetRequiredValue(Url)),
        AdminKey: parse.GetValue(Key)!.Trim(),
        Accounts: ReadAccounts(parse.GetRequiredValue(Accounts)),
        Password: parse.GetValue(Password)!,
        Agents: parse.GetValue(Agents),
        Capacity: parse.GetValue(Capacity),
        Rate: parse.GetValue(Rate),
        Measured: TimeSpan.FromSeconds(parse.GetValue(Seconds)),
        Warmup: TimeSpan.FromSeconds(parse.GetValue(Warmup)),
        MissAfter: TimeSpan.FromSeconds(parse.GetValue(MissAfter)),
        Json: parse.GetValue(Json));
}

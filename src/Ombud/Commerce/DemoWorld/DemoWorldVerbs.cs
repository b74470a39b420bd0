using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Ombud.Platform;
using Ombud.Platform.Storage;
using Spectre.Console;

namespace Ombud.Commerce.DemoWorld;

/// <summary><c>ombud seed</c>: migrates, then builds a deterministic demo world into an empty database.</summary>
internal static class DemoWorldVerbs
{
    /// <summary>Exit code when the database already holds customers and so nothing was written.</summary>
    public const int NotEmpty = 1;

    // Every row of the world is one SQL command; at EF Core's default level each would be logged.
    private static readonly Dictionary<string, string?> QuietStorage = new(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    };

    public static Command Seed()
    {
        var customers = new Option<int>("--customers")
        {
            Description = "How many customers. About one merchant per 20 customers and four orders per customer come with them.",
            HelpName = "N",
            DefaultValueFactory = _ => DemoWorldSettings.DefaultCustomers,
        };
        customers.Validators.Add(result =>
        {
            if (Given(result) is { } value && value is < 1 or > DemoWorldSettings.MaxCustomers)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"--customers must be a whole number from 1 to {DemoWorldSettings.MaxCustomers:N0} (got {value})."));
            }
        });
        var seed = new Option<int>("--seed")
        {
            Description = "The seed: the same seed, --customers and --as-of build the same world, row for row.",
            HelpName = "S",
            DefaultValueFactory = _ => DemoWorldSettings.DefaultSeed,
        };
        seed.Validators.Add(result =>
        {
            if (Given(result) < 0)
            {
                result.AddError($"--seed must be zero or a positive whole number (got {Given(result)}).");
            }
        });
        var shopperAccounts = new Option<int>("--shopper-accounts")
        {
            Description = "Also give the first N customers a sign-in account each (their own e-mail, one password made up now), for load tests " +
                          "that need many shoppers. Printed after the summary: one 'shopper-account <e-mail>' line each, then 'shopper-password <password>'.",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        var asOf = new Option<DateOnly?>("--as-of")
        {
            Description = "The world's today (default: today, UTC). Orders fill the twelve months before it.",
            HelpName = "yyyy-MM-dd",
            CustomParser = ParseDate,
        };

        var command = new Command("seed",
            "Build a deterministic demo world (customers in SE, DE, UK and US, merchants, a year of orders, plans, payments, " +
            "refunds, planted fraud and problem orders with their ground truth) into an empty database, after migrating it.")
        {
            customers,
            seed,
            asOf,
            shopperAccounts,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(shopperAccounts) is { } given && Given(given) is { } accounts
                && (accounts < 0 || accounts > (result.GetValue(customers) is var n and > 0 ? n : DemoWorldSettings.DefaultCustomers)))
            {
                result.AddError($"--shopper-accounts must be a whole number from 0 to --customers (got {accounts}).");
            }
        });
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(parsed.GetValue(customers), parsed.GetValue(seed), parsed.GetValue(asOf), parsed.GetValue(shopperAccounts), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int customers, int seed, DateOnly? asOf, int shopperAccounts, CancellationToken cancellationToken)
    {
        await using var app = OmbudHost.Build(new HostSettings([], null, IsCommand: true, QuietStorage));
        var exitCode = 0;
        await app.Services.PrepareDatabaseAsync(migrate: true, async services =>
        {
            var db = services.GetRequiredService<OmbudDb>();
            var settings = new DemoWorldSettings(customers, seed, asOf ?? DemoWorldSettings.Today(services.GetRequiredService<TimeProvider>()));
            if (await DemoWorldSeeder.HasCustomersAsync(db, cancellationToken))
            {
                await Console.Error.WriteLineAsync("ombud seed: the database already has customers, so nothing was written. A demo world is " +
                                                   "only built into an empty database: point Ombud__Database__ConnectionString at a new one.");
                exitCode = NotEmpty;
                return;
            }

            var summary = Console.IsOutputRedirected
                ? await SeedReportingLinesAsync(db, settings, cancellationToken)
                : await SeedWithProgressBarAsync(db, settings, cancellationToken);
            foreach (var line in summary.Lines(settings))
            {
                await Console.Out.WriteLineAsync(line);
            }

            if (shopperAccounts > 0)
            {
                await PrintShopperAccountsAsync(services, shopperAccounts, cancellationToken);
            }
        }, cancellationToken);
        return exitCode;
    }

    private static Task<DemoWorldSummary> SeedWithProgressBarAsync(OmbudDb db, DemoWorldSettings settings, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(string.Create(CultureInfo.InvariantCulture, $"Seeding {settings.Customers:N0} customers"),
                    maxValue: settings.Customers);
                return await DemoWorldSeeder.SeedAsync(db, settings, done => task.Value = done, cancellationToken);
            });

    /// <summary>For logs and pipes: one line per tenth of the way.</summary>
    private static Task<DemoWorldSummary> SeedReportingLinesAsync(OmbudDb db, DemoWorldSettings settings, CancellationToken cancellationToken)
    {
        var tenthsReported = 0;
        return DemoWorldSeeder.SeedAsync(db, settings, done =>
        {
            var percent = (int)(done * 100L / settings.Customers);
            if (percent / 10 > tenthsReported)
            {
                tenthsReported = percent / 10;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeding: {percent}% ({done}/{settings.Customers} customers)"));
            }
        }, cancellationToken);
    }

    private static async Task PrintShopperAccountsAsync(IServiceProvider services, int count, CancellationToken cancellationToken)
    {
        var tenthsReported = 0;
        var accounts = await DemoShopperAccounts.CreateAsync(services, count, done =>
        {
            if (done * 10 / count > tenthsReported)
            {
                tenthsReported = done * 10 / count;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shopper accounts: {done}/{count}"));
            }
        }, cancellationToken);
        foreach (var email in accounts.Emails)
        {
            await Console.Out.WriteLineAsync($"shopper-account {email}");
        }

        await Console.Out.WriteLineAsync($"shopper-password {accounts.Password}");
    }

    /// <summary>
    /// The whole number typed for an option, or null when none was typed or it is not a number; the parser reports
    /// the latter itself, and asking the result for its value would throw.
    /// </summary>
    private static int? Given(OptionResult result) =>
        result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"--as-of needs a date like 2026-11-23 (got '{text}').");
        return null;
    }
}

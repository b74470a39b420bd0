using System.CommandLine;
using Ombud.Assistant.Nlu;
using Ombud.Assistant.Shell;
using Ombud.Commerce.DemoWorld;
using Ombud.Fraud.Training;
using Ombud.Marketplace.Simulation;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud;

/// <summary>
/// The verbs of the <c>ombud</c> executable. <c>serve</c> is the default. Parse errors print what is wrong and exit
/// with 2, the convention for usage errors.
/// </summary>
internal static class OmbudCli
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Ombud: a resolution centre for consumer-credit and buy-now-pay-later providers.");
        var serve = ServeVerb.Create();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateVerb.Create());
        root.Subcommands.Add(DemoWorldVerbs.Seed());
        root.Subcommands.Add(ApiKeyVerbs.Create());
        root.Subcommands.Add(Platform.People.PeopleVerbs.Create());
        root.Subcommands.Add(Platform.Privacy.PrivacyVerbs.Create());
        root.Subcommands.Add(NluVerbs.Create());
        root.Subcommands.Add(AssistantShellVerb.Create());
        root.Subcommands.Add(SimulateVerb.Create());
        root.Subcommands.Add(FraudVerbs.Create());
        ServeVerb.MakeDefault(root);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"ombud: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'ombud --help' to see the verbs and their options.");
            return UsageError;
        }

        return await parsed.InvokeAsync();
    }
}

/// <summary><c>ombud migrate</c>: applies pending migrations and exits.</summary>
internal static class MigrateVerb
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations for the configured provider, then exit.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var app = OmbudHost.Build(new HostSettings([], null, IsCommand: true));
            await using var scope = app.Services.CreateAsyncScope();
            var startup = scope.ServiceProvider.GetRequiredService<DatabaseStartup>();
            await startup.RunExclusiveAsync(() => startup.MigrateAsync(cancellationToken), cancellationToken);
            await Console.Out.WriteLineAsync("Database is up to date.");
            return 0;
        });
        return command;
    }
}

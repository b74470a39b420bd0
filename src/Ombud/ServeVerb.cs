using System.CommandLine;
using Ombud.Commerce.DemoWorld;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud;

/// <summary><c>ombud serve</c> (and plain <c>ombud</c>): migrates, seeds the demo world when in demo mode, and serves.</summary>
internal static partial class ServeVerb
{
    public static Command Create()
    {
        var command = new Command("serve", "Serve the web app and API (the default verb).");
        AddOptions(command);
        return command;
    }

    /// <summary>Running <c>ombud</c> with no verb serves, with the same options.</summary>
    public static void MakeDefault(RootCommand root) => AddOptions(root);

    private static void AddOptions(Command command)
    {
        var urls = new Option<string?>("--urls") { Description = $"Addresses to listen on (default {PlatformSetup.DefaultUrl}; ASPNETCORE_URLS also works)." };
        var demo = new Option<bool>("--demo") { Description = "Seed a demo world and demo accounts into an empty database (on by default with SQLite)." };
        var noMigrate = new Option<bool>("--no-migrate") { Description = "Do not apply pending migrations at start." };
        command.Options.Add(urls);
        command.Options.Add(demo);
        command.Options.Add(noMigrate);
        command.SetAction((parsed, cancellationToken) =>
            ServeAsync(parsed.GetValue(urls), parsed.GetValue(demo), parsed.GetValue(noMigrate), cancellationToken));
    }

    private static async Task<int> ServeAsync(string? urls, bool demoFlag, bool noMigrate, CancellationToken cancellationToken)
    {
        var overrides = demoFlag ? new Dictionary<string, string?> { [DemoMode.Setting] = "true" } : null;
        await using var app = OmbudHost.Build(new HostSettings([], urls, IsCommand: false, overrides));
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        var demo = app.Services.GetRequiredService<DemoMode>().IsOn;
        await app.Services.PrepareDatabaseAsync(
            migrate: database.MigrateOnStart && !noMigrate,
            afterMigration: demo ? services => DemoWorldStartup.SeedIfEmptyAsync(services, cancellationToken) : _ => Task.CompletedTask,
            cancellationToken);
        app.Lifetime.ApplicationStarted.Register(() => AnnounceReady(app, demo));
        await app.RunAsync(cancellationToken);
        return 0;
    }

    /// <summary>One line a person starting Ombud waits for: where it answers and, in demo mode, how to get in.</summary>
    private static void AnnounceReady(WebApplication app, bool demo)
    {
        var url = app.Urls.FirstOrDefault() ?? PlatformSetup.DefaultUrl;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ombud");
        if (demo)
        {
            ReadyForDemo(logger, url);
        }
        else
        {
            Ready(logger, url);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ombud is ready at {Url}. Demo mode: open {Url}/signin and pick a demo account, one per role.")]
    private static partial void ReadyForDemo(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ombud is ready at {Url}.")]
    private static partial void Ready(ILogger logger, string url);
}

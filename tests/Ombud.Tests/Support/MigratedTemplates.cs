using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Tests.Support;

/// <summary>
/// One database per provider and test process with every migration applied (<see cref="SqliteTemplate"/>,
/// <see cref="PostgresTemplate"/>), migrated on first use by the product's own start-up path. Tests get copies of it:
/// migrating costs up to seconds on a busy machine, copying a file or cloning a PostgreSQL template milliseconds.
/// Each process makes its own (a random name, from the migrations it was compiled with), so no test depends on what an
/// earlier run left behind.
/// </summary>
/// <remarks>
/// A template is never removed by the run that made it: xUnit 2 has no reliable end-of-run hook (a test framework's
/// disposal came mid-run and took the templates from under running tests; a process-exit handler is cut off by the
/// test platform killing the host). So a template outlives its run, and a later run removes it once no one holds the
/// lock its maker took.
/// </remarks>
internal static class MigratedTemplates
{
    /// <summary>Migrates as a starting node does; returns the connection string the host's pool is keyed by.</summary>
    public static async Task<string> MigrateAsync(string provider, string connectionString)
    {
        await using var host = OmbudHost.Build(new HostSettings([], null, IsCommand: true, new Dictionary<string, string?>
        {
            ["Ombud:Database:Provider"] = provider,
            ["Ombud:Database:ConnectionString"] = connectionString,
            ["Ombud:Demo"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await host.Services.PrepareDatabaseAsync(migrate: true, _ => Task.CompletedTask, CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<OmbudDb>().Database.GetConnectionString()
            ?? throw new InvalidOperationException("The host's database has no connection string.");
    }
}

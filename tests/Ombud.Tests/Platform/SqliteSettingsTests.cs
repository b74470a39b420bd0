using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ombud.Platform.Storage;

namespace Ombud.Tests.Platform;

/// <summary>The settings the node puts on every SQLite connection it opens (<see cref="SqlitePragmas"/>), and the configured checkpoint threshold.</summary>
public sealed class SqliteSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ombud-pragmas-").FullName;

    [Fact]
    public async Task Every_connection_gets_synchronous_normal_and_the_configured_checkpoint_threshold()
    {
        using var host = Storage(("Ombud:Database:WalAutoCheckpointPages", "4321"));
        for (var open = 0; open < 2; open++)
        {
            // A second scope takes the pooled connection again: the settings must hold there too.
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(4321L, await PragmaAsync(db, "wal_autocheckpoint"));
            Assert.Equal(1L, await PragmaAsync(db, "synchronous")); // NORMAL
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public void A_threshold_below_one_page_is_refused_at_start_naming_the_setting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Storage(("Ombud:Database:WalAutoCheckpointPages", "0")));
        Assert.Contains("Ombud:Database:WalAutoCheckpointPages", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private IHost Storage((string Key, string Value) setting)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ombud:Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "ombud.db")}",
            [setting.Key] = setting.Value,
        });
        builder.AddOmbudStorage();
        return builder.Build();
    }

    private static async Task<long> PragmaAsync(OmbudDb db, string pragma)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

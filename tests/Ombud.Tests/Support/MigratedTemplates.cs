using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Tests.Support;

/// <summary>
/// One database per provider and test process with every migration applied, migrated on first use by the product's own
/// start-up path. Tests get copies of it: migrating costs seconds on a busy machine, copying a file or cloning a
/// PostgreSQL template costs milliseconds. Each process makes its own (a random name, built from the migrations it was
/// compiled with), so no test depends on what an earlier run left behind.
/// </summary>
internal static class MigratedTemplates
{
    private static readonly Lazy<Task<string>> SqliteTemplate = new(BuildSqliteAsync);
    private static readonly Lazy<Task<PostgresTemplate>> PostgresTemplates = new(BuildPostgresAsync);

    /// <summary>Copies the migrated SQLite template to <paramref name="path"/>.</summary>
    public static async Task CopySqliteAsync(string path) => File.Copy(await SqliteTemplate.Value, path);

    /// <summary>Creates the PostgreSQL database <paramref name="name"/> as a clone of the migrated template.</summary>
    public static async Task ClonePostgresAsync(NpgsqlConnection admin, string name)
    {
        var template = await PostgresTemplates.Value;
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template.Name}", admin);
        await create.ExecuteNonQueryAsync();
    }

    private static async Task<string> BuildSqliteAsync()
    {
        RemoveStaleSqliteTemplates();
        var directory = Directory.CreateTempSubdirectory("ombud-template-").FullName;
        var path = Path.Combine(directory, "ombud.db");
        var used = await MigrateAsync("sqlite", $"Data Source={path}");

        // Copying the file alone is complete only once nothing of it is left in the write-ahead log: close every pooled
        // connection of the host, then fold the log into the file (the journal mode itself stays WAL, stored in the file).
        SqliteConnection.ClearPool(new SqliteConnection(used));
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        return path;
    }

    private static async Task<PostgresTemplate> BuildPostgresAsync()
    {
        var admin = TestDatabase.PostgresAdminConnectionString();
        var name = $"ombud_template_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"CREATE DATABASE {name}");

        var used = await MigrateAsync("postgres", new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);

        // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template: close the host's pooled
        // connections, forbid new ones (a stray one would fail every later clone), and cut off any that lingers.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(used));
        await ExecuteAsync(connection, $"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false");
        await ExecuteAsync(connection, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        return new PostgresTemplate(name);
    }

    /// <summary>Migrates as a starting node does; returns the connection string the host's pool is keyed by.</summary>
    private static async Task<string> MigrateAsync(string provider, string connectionString)
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

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Templates are never removed by the run that made them: xUnit gives no reliable end-of-run hook (a framework
    /// disposal came mid-run and took the templates from under running tests). A SQLite template is a small file in
    /// temp, removed here by a later run once a day old; PostgreSQL templates go with the throw-away server test.sh
    /// starts and stops.
    /// </summary>
    private static void RemoveStaleSqliteTemplates()
    {
        foreach (var stale in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories("ombud-template-*")
                     .Where(d => d.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
        {
            try
            {
                stale.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Another run's, still in use: left for later.
            }
        }
    }

    private sealed record PostgresTemplate(string Name);
}

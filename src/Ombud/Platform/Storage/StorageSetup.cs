using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ombud.Platform.Storage;

public static class StorageSetup
{
    /// <summary>Registers <see cref="OmbudDb"/> on the configured provider.</summary>
    public static DatabaseOptions AddOmbudStorage(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.IsPostgres)
        {
            var connectionString = options.ConnectionString
                ?? throw new InvalidOperationException(
                    "Ombud:Database:Provider is postgres but Ombud:Database:ConnectionString is not set "
                    + "(environment variable Ombud__Database__ConnectionString).");
            builder.Services.AddDbContextPool<OmbudDb, PostgresOmbudDb>(db => db.UseNpgsql(WithPreparedStatements(connectionString), SingleQueries));
        }
        else if (options.IsSqlite)
        {
            // Zero or less would switch the commits' checkpoints off, and nothing else copies the log back.
            if (options.WalAutoCheckpointPages < 1)
            {
                throw new InvalidOperationException(
                    $"Ombud:Database:WalAutoCheckpointPages must be at least 1 (it is {options.WalAutoCheckpointPages}).");
            }

            options.ConnectionString = SqliteConnectionString(options.ConnectionString, builder.Environment.ContentRootPath);
            builder.Services.AddDbContextPool<OmbudDb, SqliteOmbudDb>(db => db.UseSqlite(options.ConnectionString, SingleQueries)
                .AddInterceptors(new SqlitePragmas(options.WalAutoCheckpointPages))
                .ConfigureWarnings(QuietSqliteRebuilds));
        }
        else
        {
            throw new InvalidOperationException($"Ombud:Database:Provider '{options.Provider}' is not known: use sqlite or postgres.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddScoped<DatabaseStartup>();
        builder.Services.AddSingleton<WriteGate>();
        builder.Services.AddSingleton<WriteTime>();
        builder.Services.AddSingleton<CommitSignal>();
        builder.Services.AddScoped<UnitOfWork>();
        builder.Services.AddScoped<WriteTurn>();
        builder.Services.AddScoped<StagedRows>();
        builder.Services.AddScoped<PassShared>();
        return options;
    }

    /// <summary>
    /// A query that loads several collections (an order with its lines and its plan's instalments) runs as one SQL
    /// statement: EF's default, said out loud so EF does not warn on every such query. A query whose joined rows
    /// would multiply asks for <c>AsSplitQuery()</c> itself.
    /// </summary>
    private static void SingleQueries(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery);

    private static void SingleQueries(Microsoft.EntityFrameworkCore.Infrastructure.SqliteDbContextOptionsBuilder sqlite) =>
        sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery);

    /// <summary>
    /// SQLite cannot alter a column, so EF rebuilds the table, which needs <c>PRAGMA foreign_keys</c> outside the
    /// migration's transaction; EF warns about that on every such migration, and about our own SQL running while a
    /// rebuild is pending. Both are how SQLite migrations work, not a fault: migrations run at start under the node's
    /// exclusive start-up lock, and none of our SQL touches a table being rebuilt. Logged at debug so a clean start
    /// has no warning.
    /// </summary>
    private static void QuietSqliteRebuilds(WarningsConfigurationBuilder warnings) =>
        warnings.Log(
            (RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug),
            (SqliteEventId.TableRebuildPendingWarning, LogLevel.Debug));

    /// <summary>
    /// Lets Npgsql prepare the statements a node runs over and over (the inserts of ingestion), so PostgreSQL skips
    /// parsing and planning them: measured +40 % orders/s on the ingestion benchmark. And returns a connection to the
    /// pool without resetting its session (<c>No Reset On Close</c>): with prepared statements Npgsql's reset is seven
    /// statements (<c>SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *; SELECT
    /// pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP</c>) that PostgreSQL parses and runs before the
    /// connection's next command, once per connection borrowed: more statements than the risk decision's own read and
    /// write together. Ombud keeps nothing in a session that outlives its use: no <c>SET</c>, no temporary table, no
    /// <c>LISTEN</c>, and the one session advisory lock (<see cref="DatabaseStartup"/>) is released by its holder. An
    /// open transaction is still rolled back when its connection returns. An operator's own <c>Max Auto Prepare</c> or
    /// <c>No Reset On Close</c> wins.
    /// </summary>
    internal static string WithPreparedStatements(string connectionString)
    {
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (csb.MaxAutoPrepare == 0)
        {
            csb.MaxAutoPrepare = 64;
            csb.AutoPrepareMinUsages = 2;
        }

        if (!Given(connectionString, nameof(csb.NoResetOnClose)))
        {
            csb.NoResetOnClose = true;
        }

        return csb.ConnectionString;
    }

    /// <summary>Whether the connection string sets <paramref name="setting"/> itself, in any spelling (<c>No Reset On Close</c>, <c>noresetonclose</c>).</summary>
    private static bool Given(string connectionString, string setting) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals(setting, StringComparison.OrdinalIgnoreCase));

    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(configured ?? $"Data Source={Path.Combine(contentRoot, "data", "ombud.db")}")
        {
            // Writers wait for each other instead of failing at once with SQLITE_BUSY.
            DefaultTimeout = 30,
            Pooling = true,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
        if (!string.IsNullOrEmpty(directory) && csb.Mode != SqliteOpenMode.Memory)
        {
            Directory.CreateDirectory(directory);
        }

        return csb.ToString();
    }
}

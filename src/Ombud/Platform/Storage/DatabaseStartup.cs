using Microsoft.EntityFrameworkCore;

namespace Ombud.Platform.Storage;

/// <summary>
/// Brings the database up to date. On PostgreSQL the work runs under a session advisory lock, so several nodes
/// starting at once on an empty database migrate and seed it exactly once: the first takes the lock, the others wait
/// and then find nothing left to do.
/// </summary>
public sealed class DatabaseStartup(OmbudDb db, DatabaseOptions options, ILogger<DatabaseStartup> logger)
{
    // Any fixed number; it names "Ombud's start-up" among the advisory locks of this database.
    private const long StartupLockKey = 0x0_4F4D_4255_44;

    /// <summary>How long a starting node waits for another one's migration and seeding before it gives up.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(15);

    public async Task RunExclusiveAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        if (!options.IsPostgres)
        {
            await work();
            return;
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var take = connection.CreateCommand())
            {
                take.CommandText = $"SELECT pg_advisory_lock({StartupLockKey})";
                // The wait is for another node's migration and demo seeding, which can take minutes on a busy machine:
                // not the default 30 s a query gets.
                take.CommandTimeout = (int)LockWait.TotalSeconds;
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            await work();
        }
        finally
        {
            await using (var release = connection.CreateCommand())
            {
                release.CommandText = $"SELECT pg_advisory_unlock({StartupLockKey})";
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // MigrateAsync itself finds what is pending; asking first would make EF log an error on an empty database.
        await db.Database.MigrateAsync(cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Database schema is at {Migration}", (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault());
        }

        if (options.IsSqlite)
        {
            // WAL lets readers go on while one writer writes; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

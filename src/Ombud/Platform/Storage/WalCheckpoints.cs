using Microsoft.Data.Sqlite;

namespace Ombud.Platform.Storage;

/// <summary>
/// SQLite copies its write-ahead log back into the database file in a checkpoint, which syncs both files to disk. Left to
/// itself, the commit that takes the log past 1,000 pages runs it, inside that commit: on a node, the one writer holding
/// the <see cref="WriteGate"/>, often a batch of many requests' work, waits for the syncs, and everything queued behind
/// it waits too. Under the assistant bench that was one commit a second held for 17–100 ms (two or three fsyncs and
/// the copy), enough to put about one turn in a hundred far behind the rest. The node therefore checkpoints here, on a
/// connection of its own and outside the gate, <see cref="Every"/>: a PASSIVE checkpoint waits for no one and blocks
/// neither the writer nor readers.
/// </summary>
/// <remarks>
/// What a commit promises is unchanged: with synchronous=NORMAL a commit is in the log, in the OS's hands, when it
/// returns, whoever checkpoints later (<see cref="SqlitePragmas"/>). Commits still checkpoint themselves once the log
/// passes <see cref="SafetyNetPages"/>, for processes that run no hosted services (one-shot commands) or if this falls
/// behind.
/// </remarks>
internal sealed class WalCheckpoints(DatabaseOptions options, TimeProvider clock, ILogger<WalCheckpoints> log) : BackgroundService
{
    /// <summary>
    /// Where a commit checkpoints on its own (<c>PRAGMA wal_autocheckpoint</c>, pages of 4 KiB; SQLite's default is
    /// 1,000), as <see cref="SqlitePragmas"/> sets it on every connection.
    /// </summary>
    public const int SafetyNetPages = 10_000;

    /// <summary>About as often as a busy node's commits filled 1,000 pages, so checkpoints stay about as large as before.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(options.ConnectionString!, stoppingToken);
            }
            catch (SqliteException failure)
            {
                // The next tick tries again; meanwhile commits fall back on their own checkpoints past the safety net.
                WalCheckpointsLog.Failed(log, failure);
            }
        }
    }

    /// <summary>Copies what it can of the log into the database without waiting for anyone; answers the log's pages and those copied.</summary>
    public static async Task<(int Log, int Copied)> CheckpointAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var result = await command.ExecuteReaderAsync(ct);
        return await result.ReadAsync(ct) ? (result.GetInt32(1), result.GetInt32(2)) : (0, 0);
    }
}

internal static partial class WalCheckpointsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The SQLite checkpoint failed; commits checkpoint themselves if the log keeps growing.")]
    public static partial void Failed(ILogger log, Exception failure);
}

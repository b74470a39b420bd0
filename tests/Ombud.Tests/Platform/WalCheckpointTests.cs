using Microsoft.Data.Sqlite;
using Ombud.Platform.Storage;

namespace Ombud.Tests.Platform;

/// <summary>
/// SQLite's checkpoints are the node's background work: a commit on the node's connections leaves the log to grow past
/// SQLite's default of 1,000 pages instead of stopping to copy and sync it, and the node's checkpoint copies all of it
/// back into the database without losing a row.
/// </summary>
public sealed class WalCheckpointTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ombud-wal-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_file};Pooling=False";

    [Fact]
    public async Task Commits_leave_the_checkpoint_to_the_node_which_copies_the_whole_log_back()
    {
        // Open throughout: the last connection to close checkpoints on its own.
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; CREATE TABLE letters (id INTEGER PRIMARY KEY, body BLOB NOT NULL);");
        // Fifty commits of 60 rows of a page each: over 3,000 pages, three times what makes a commit checkpoint by default.
        for (var commit = 0; commit < 50; commit++)
        {
            await ExecuteAsync(connection,
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) INSERT INTO letters (body) SELECT randomblob(4000) FROM n;");
        }

        var (log, copied) = await WalCheckpoints.CheckpointAsync(ConnectionString, default);

        Assert.Equal(WalCheckpoints.SafetyNetPages, await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"));
        Assert.True(log >= 3_000, $"the log held {log} pages: a commit checkpointed it on its own");
        Assert.Equal(log, copied);
        await using var reader = new SqliteConnection(ConnectionString);
        await reader.OpenAsync();
        Assert.Equal(3_000, await ScalarAsync(reader, "SELECT count(*) FROM letters;"));
    }

    public void Dispose()
    {
        foreach (var file in new[] { _file, $"{_file}-wal", $"{_file}-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>A connection set up as the node sets up its own.</summary>
    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        SqlitePragmas.Apply(connection);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

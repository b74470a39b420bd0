using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Ombud.Platform.Storage;

namespace Ombud.Tests.Platform;

/// <summary>
/// SQLite's checkpoints are the node's background work: a commit on the node's connections leaves the log to grow past
/// SQLite's default of 1,000 pages instead of stopping to copy and sync it, the node's checkpoint copies it back so the
/// log starts again, and rows committed but not yet copied are there when the process is killed.
/// </summary>
public sealed class WalCheckpointTests : IDisposable
{
    /// <summary>Fifty commits of 60 rows of about a page each: over 3,000 pages, three times SQLite's own threshold.</summary>
    private const int Commits = 50;

    private const int RowsPerCommit = 60;

    private readonly string _directory = Directory.CreateTempSubdirectory("ombud-wal-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private string File(string name = "ombud.db") => Path.Combine(_directory, name);

    private string ConnectionString => $"Data Source={File()};Pooling=False";

    [Fact]
    public async Task Commits_leave_the_checkpoint_to_the_node_which_copies_the_log_back_so_it_starts_again()
    {
        // Open throughout: the last connection to close would checkpoint on its own.
        await using var writer = await WriterWithLettersAsync();

        var first = await Checkpoints().CheckpointAsync(default);
        await ExecuteAsync(writer, "INSERT INTO letters (body) VALUES (randomblob(10));");
        var second = await Checkpoints().CheckpointAsync(default);

        Assert.True(first.LogPages >= Commits * RowsPerCommit, $"the log held {first.LogPages} pages: a commit checkpointed it on its own");
        Assert.Equal(first.LogPages, first.CopiedPages);
        Assert.True(second.LogPages < 10, $"the log held {second.LogPages} pages after the next commit: it did not start again");
        Assert.Equal(Commits * RowsPerCommit + 1, await ScalarAsync(writer, "SELECT count(*) FROM letters;"));
    }

    [Fact]
    public async Task Rows_committed_but_not_yet_checkpointed_survive_the_process_being_killed()
    {
        await using var writer = await WriterWithLettersAsync();

        // A killed process leaves the files as the OS holds them: the database and its log, nothing folded back. Copy
        // them so while the writer is still open, then open the copy as a restarted node would.
        System.IO.File.Copy(File(), File("killed.db"));
        System.IO.File.Copy(File("ombud.db-wal"), File("killed.db-wal"));
        Assert.True(new FileInfo(File("killed.db-wal")).Length > Commits * RowsPerCommit * 4_000L, "the rows are still only in the log");

        await using var restarted = new SqliteConnection($"Data Source={File("killed.db")};Pooling=False");
        await restarted.OpenAsync();
        Assert.Equal(Commits * RowsPerCommit, await ScalarAsync(restarted, "SELECT count(*) FROM letters;"));
        Assert.Equal("ok", await ScalarAsync<string>(restarted, "PRAGMA integrity_check;"));
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private WalCheckpoints Checkpoints()
    {
        var options = new DatabaseOptions { ConnectionString = ConnectionString };
        return new WalCheckpoints(options, new WriteGate(options), _services.GetRequiredService<IMeterFactory>(), NullLogger<WalCheckpoints>.Instance);
    }

    /// <summary>A connection set up as the node sets up its own, after committing over 3,000 pages of letters on it.</summary>
    private async Task<SqliteConnection> WriterWithLettersAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;");
        SqlitePragmas.Apply(connection);
        await ExecuteAsync(connection, "CREATE TABLE letters (id INTEGER PRIMARY KEY, body BLOB NOT NULL);");
        for (var commit = 0; commit < Commits; commit++)
        {
            await ExecuteAsync(connection,
                $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {RowsPerCommit}) INSERT INTO letters (body) SELECT randomblob(4000) FROM n;");
        }

        Assert.Equal(WalCheckpoints.SafetyNetPages, await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"));
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static Task<long> ScalarAsync(SqliteConnection connection, string sql) => ScalarAsync<long>(connection, sql);

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

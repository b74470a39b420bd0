using Microsoft.Data.Sqlite;
using Ombud.Platform.Storage;

namespace Ombud.Tests.Platform;

/// <summary>
/// What the node's SQLite settings promise (<see cref="SqlitePragmas"/>: WAL, synchronous=NORMAL): a committed row is
/// there after the process is killed, also while it is still only in the write-ahead log, not yet checkpointed.
/// </summary>
public sealed class WalDurabilityTests : IDisposable
{
    /// <summary>Ten commits of 60 rows of about a page each: 600 pages, below the 1,000 (or more) at which a commit checkpoints.</summary>
    private const int Commits = 10;

    private const int RowsPerCommit = 60;

    private readonly string _directory = Directory.CreateTempSubdirectory("ombud-wal-").FullName;

    private string File(string name) => Path.Combine(_directory, name);

    [Fact]
    public async Task Rows_committed_but_not_yet_checkpointed_survive_the_process_being_killed()
    {
        await using var writer = new SqliteConnection($"Data Source={File("ombud.db")};Pooling=False");
        await writer.OpenAsync();
        await ExecuteAsync(writer, "PRAGMA journal_mode=WAL;");
        SqlitePragmas.Apply(writer, new DatabaseOptions().WalAutoCheckpointPages);
        await ExecuteAsync(writer, "CREATE TABLE letters (id INTEGER PRIMARY KEY, body BLOB NOT NULL);");
        for (var commit = 0; commit < Commits; commit++)
        {
            await ExecuteAsync(writer,
                $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {RowsPerCommit}) INSERT INTO letters (body) SELECT randomblob(4000) FROM n;");
        }

        // A killed process leaves the files as the OS holds them: the database and its log, nothing folded back, no
        // close. Copy them so while the writer is still open, then open the copy as a restarted node would.
        System.IO.File.Copy(File("ombud.db"), File("killed.db"));
        System.IO.File.Copy(File("ombud.db-wal"), File("killed.db-wal"));
        Assert.True(new FileInfo(File("killed.db-wal")).Length > Commits * RowsPerCommit * 4_000L, "the rows are still only in the log");

        await using var restarted = new SqliteConnection($"Data Source={File("killed.db")};Pooling=False");
        await restarted.OpenAsync();
        Assert.Equal(Commits * RowsPerCommit, await ScalarAsync<long>(restarted, "SELECT count(*) FROM letters;"));
        Assert.Equal("ok", await ScalarAsync<string>(restarted, "PRAGMA integrity_check;"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

using Npgsql;

namespace Ombud.Tests.Support;

/// <summary>
/// A second writer on PostgreSQL, for tests that make a deadlock happen on purpose: run a statement on its connection,
/// and wait until the app's own unit of work queues behind a lock it holds.
/// </summary>
internal static class PostgresLocks
{
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Polls until a backend other than <paramref name="holder"/>'s waits for a lock, with a generous deadline.</summary>
    public static async Task WaitForAnotherBackendBlockedAsync(NpgsqlConnection holder, string connectionString, string who)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        await using var watcher = new NpgsqlConnection(connectionString);
        await watcher.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> {holder.ProcessID}", watcher);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{who} never waited for the row held.");
            await Task.Delay(50);
        }
    }
}

using Npgsql;

namespace Ombud.Tests.Support;

/// <summary>A second writer on PostgreSQL, for tests that make the app's own unit of work a deadlock's victim on purpose.</summary>
internal static class PostgresLocks
{
    /// <summary>
    /// Runs <paramref name="victim"/> into a deadlock: another writer holds a row (<paramref name="held"/>, a
    /// <c>SELECT … FOR UPDATE</c>), the victim starts and queues behind it, then the writer asks for a row the victim holds
    /// by then (<paramref name="wanted"/>): each waits for the other. The writer waits longer before looking for a
    /// deadlock (60 s against PostgreSQL's 1 s default), so the victim is the one rolled back; the writer rolls back after.
    /// </summary>
    public static async Task<T> DeadlockAsync<T>(string connectionString, string held, Func<Task<T>> victim, string wanted, string who)
    {
        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, "SET LOCAL deadlock_timeout = '60s'");
        await ExecuteAsync(holder, held);
        var running = victim();
        await WaitForAnotherBackendBlockedAsync(holder, connectionString, who);
        var holderWaits = ExecuteAsync(holder, wanted);
        var outcome = await running.WaitAsync(TimeSpan.FromMinutes(2));
        await holderWaits.WaitAsync(TimeSpan.FromMinutes(2));
        await holding.RollbackAsync();
        return outcome;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Polls until a backend other than <paramref name="holder"/>'s waits for a lock, with a generous deadline.</summary>
    private static async Task WaitForAnotherBackendBlockedAsync(NpgsqlConnection holder, string connectionString, string who)
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

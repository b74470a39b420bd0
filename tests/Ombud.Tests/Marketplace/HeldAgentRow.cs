using Npgsql;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// Another node's transaction holding an agent's row (<c>FOR UPDATE</c>) until it ends, as a dispatcher does while it
/// offers the agent work: on a connection of its own, rolled back when disposed.
/// </summary>
internal sealed class HeldAgentRow : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldAgentRow(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public static async Task<HeldAgentRow> HoldAsync(TestDatabase database, Guid agentId)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var hold = new NpgsqlCommand("""SELECT 1 FROM marketplace_agents WHERE "Id" = @id FOR UPDATE""", connection, transaction);
        hold.Parameters.AddWithValue("id", agentId);
        await hold.ExecuteNonQueryAsync();
        return new HeldAgentRow(connection, transaction);
    }

    /// <summary>The other node's transaction ends; the row is free.</summary>
    public Task ReleaseAsync() => _transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

using Npgsql;

namespace Ombud.Tests.Support;

/// <summary>
/// Another node's transaction holding one row (<c>FOR UPDATE</c>) until it ends, as a writer does while it changes it:
/// on a connection of its own, rolled back when disposed. PostgreSQL only.
/// </summary>
internal sealed class HeldRow : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldRow(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    /// <param name="table">The row's table, whose key is <c>"Id"</c> (a name from the model, never from input).</param>
    public static async Task<HeldRow> HoldAsync(TestDatabase database, string table, Guid id)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var hold = new NpgsqlCommand($"""SELECT 1 FROM {table} WHERE "Id" = @id FOR UPDATE""", connection, transaction);
        hold.Parameters.AddWithValue("id", id);
        await hold.ExecuteNonQueryAsync();
        return new HeldRow(connection, transaction);
    }

    /// <summary>The other node's transaction ends; the row is free.</summary>
    public Task ReleaseAsync() => _transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

using Microsoft.EntityFrameworkCore;

namespace Ombud.Platform.Storage;

/// <summary>
/// Pessimistic locks for read-modify-write on one aggregate (a payment applied to a plan): on PostgreSQL the row is
/// locked until the transaction ends, so racing writers queue instead of failing their version check again and
/// again. SQLite needs nothing: its writers already queue at the <see cref="WriteGate"/>.
/// </summary>
public static class RowLocks
{
    /// <summary>Locks the row of <typeparamref name="T"/> whose <paramref name="column"/> (a property name) equals <paramref name="value"/>.</summary>
    public static async Task LockForUpdateAsync<T>(this OmbudDb db, string column, Guid value, CancellationToken cancellationToken)
        where T : class
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        // Names come from the model, never from input; the value is a parameter.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"SELECT 1 FROM {Row<T>(db, column)} FOR UPDATE", [value], cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Locks the row as <see cref="LockForUpdateAsync{T}"/> does if nobody else holds it; false, at once, when another
    /// transaction does (or the row is gone). For work that has somewhere else to go instead of queueing: a dispatcher
    /// that finds an agent being offered something by another node offers the next candidate. Always true on SQLite.
    /// </summary>
    public static async Task<bool> TryLockForUpdateAsync<T>(this OmbudDb db, string column, Guid value, CancellationToken cancellationToken)
        where T : class
    {
        if (!db.Database.IsNpgsql())
        {
            return true;
        }

#pragma warning disable EF1002
        var locked = await db.Database.SqlQueryRaw<int>($"SELECT 1 AS \"Value\" FROM {Row<T>(db, column)} FOR UPDATE SKIP LOCKED", value)
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return locked.Count > 0;
    }

    /// <summary>The table and the condition on the column, with the value as parameter {0}.</summary>
    private static string Row<T>(OmbudDb db, string column) => $"{db.Table<T>()} WHERE {db.Column<T>(column)} = {{0}}";
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columnName = entity.FindProperty(column)?.GetColumnName(table) ?? throw new InvalidOperationException($"{typeof(T).Name} has no {column}.");
        // Names come from the model, never from input; the value is a parameter.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"SELECT 1 FROM \"{table.Name}\" WHERE \"{columnName}\" = {{0}} FOR UPDATE", [value], cancellationToken);
#pragma warning restore EF1002
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ombud.Platform.Storage;

/// <summary>
/// A mapped entity's table and column names as the EF model has them, quoted for SQL, for the few statements written
/// by hand (a row lock, a timer's upsert). Taken from the model, a renamed table or column changes these statements
/// with it instead of breaking them at run time.
/// </summary>
public static class StoreNames
{
    /// <summary>The quoted table of <typeparamref name="T"/>.</summary>
    public static string Table<T>(this OmbudDb db) => Quote(TableOf<T>(db).Table.Name);

    /// <summary>The quoted column of <typeparamref name="T"/>'s <paramref name="property"/> (a property name).</summary>
    public static string Column<T>(this OmbudDb db, string property)
    {
        var (entity, table) = TableOf<T>(db);
        return Quote(entity.FindProperty(property)?.GetColumnName(table)
                     ?? throw new InvalidOperationException($"{typeof(T).Name} has no mapped {property}."));
    }

    private static (IEntityType Entity, StoreObjectIdentifier Table) TableOf<T>(OmbudDb db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        return (entity, StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()));
    }

    private static string Quote(string name) => $"\"{name}\"";
}

using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ombud.Platform.Storage;

/// <summary>
/// A mapped entity's table and column names as the EF model has them, quoted for SQL, for the few statements written
/// by hand (a row lock, a timer's upsert). Taken from the model, a renamed table or column changes these statements
/// with it instead of breaking them at run time. Each name is looked up once per model: they never change while it runs.
/// </summary>
public static class StoreNames
{
    private static readonly PerModel<ConcurrentDictionary<(Type Entity, string? Property), string>> Known = new(_ => new());

    /// <summary>The quoted table of <typeparamref name="T"/>.</summary>
    public static string Table<T>(this OmbudDb db) => Name(db, typeof(T), null);

    /// <summary>
    /// The quoted column of <typeparamref name="T"/>'s <paramref name="property"/>: a property name, or an owned value's
    /// property stored in <typeparamref name="T"/>'s table as <c>Navigation.Property</c> (an order's <c>ShippingAddress.Line1</c>).
    /// </summary>
    public static string Column<T>(this OmbudDb db, string property) => Name(db, typeof(T), property);

    private static string Name(OmbudDb db, Type type, string? property) =>
        Known.For(db).GetOrAdd((type, property), key => Look(db.Model, key.Entity, key.Property));

    private static string Look(IModel model, Type type, string? property)
    {
        var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        if (property is null)
        {
            return Quote(table.Name);
        }

        var (owner, name) = property.Split('.') is [var navigation, var owned]
            ? (entity.FindNavigation(navigation)?.TargetEntityType, owned)
            : (entity, property);
        return Quote(owner?.FindProperty(name)?.GetColumnName(table)
                     ?? throw new InvalidOperationException($"{type.Name} has no mapped {property}."));
    }

    private static string Quote(string name) => $"\"{name}\"";
}

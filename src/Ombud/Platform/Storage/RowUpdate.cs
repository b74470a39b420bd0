using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ombud.Platform.Storage;

/// <summary>
/// A table as a lean write path updates it (<see cref="StagedRows.Update"/>): each row found by its key and written only
/// while its version is still the one read, as EF Core's concurrency token is checked, with the version and every other
/// column set from the tracked entity. A column's value is its mapped property's current value as EF stores it (through
/// the model's converter: an enum as its name), so the columns are named once, here; the version read is the version
/// property's original value.
/// </summary>
public sealed class RowUpdate
{
    public RowUpdate(string name, RowColumn key, RowColumn version, params RowColumn[] columns)
    {
        Name = name;
        Key = key;
        Version = version;
        Columns = [key, version, .. columns];
        _properties = new PerModel<IProperty[]>(db => PropertiesIn(db.Model));
        // One statement for any number of rows on PostgreSQL, as RowTable's insert: the arrays unnested into rows, the
        // last one the versions read. A row whose version moved on is not written, and the count tells.
        var staged = string.Join(", ", Columns.Select(c => $"\"{c.Name}\"").Append($"\"{VersionRead}\""));
        PostgresUpdate = $"UPDATE \"{name}\" AS \"row\" SET {string.Join(", ", Columns.Skip(1).Select(c => $"\"{c.Name}\" = \"staged\".\"{c.Name}\""))} " +
                         $"FROM unnest({string.Join(", ", Columns.Append(version).Select((c, i) => $"${i + 1}::{c.PostgresType}[]"))}) AS \"staged\"({staged}) " +
                         $"WHERE \"row\".\"{key.Name}\" = \"staged\".\"{key.Name}\" AND \"row\".\"{version.Name}\" = \"staged\".\"{VersionRead}\"";
        SqliteUpdate = $"UPDATE \"{name}\" SET {string.Join(", ", Columns.Skip(1).Select((c, i) => $"\"{c.Name}\" = $p{i + 1}"))} " +
                       $"WHERE \"{key.Name}\" = $p0 AND \"{version.Name}\" = $p{Columns.Count}";
    }

    private const string VersionRead = "version_read";

    private readonly PerModel<IProperty[]> _properties;

    public string Name { get; }

    public RowColumn Key { get; }

    /// <summary>The entity's concurrency token, by its column's name.</summary>
    public RowColumn Version { get; }

    /// <summary>Every column written: the key, the version, then the rest.</summary>
    public IReadOnlyList<RowColumn> Columns { get; }

    internal string PostgresUpdate { get; }

    internal string SqliteUpdate { get; }

    /// <summary>
    /// The properties <paramref name="model"/> maps to <see cref="Columns"/>, in their order. A column the table's entity
    /// does not map, or maps to values of another type than the column's, is a mistake in the code: it throws here, the
    /// first time a unit of work stages the table, not at the database.
    /// </summary>
    public IProperty[] PropertiesIn(IModel model)
    {
        var store = StoreObjectIdentifier.Table(Name);
        var entity = model.GetEntityTypes().SingleOrDefault(e => e.GetTableName() == Name)
                     ?? throw new InvalidOperationException($"No entity is mapped to the table {Name}.");
        return
        [
            .. Columns.Select(column =>
            {
                var property = entity.GetProperties().SingleOrDefault(p => p.GetColumnName(store) == column.Name)
                               ?? throw new InvalidOperationException($"{entity.DisplayName()} maps no property to {Name}.{column.Name}.");
                var stored = Unwrapped(property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType);
                // A missing value needs a column that can hold one: in an array of int a null would be written as 0.
                var holdsMissing = !column.ClrType.IsValueType || Nullable.GetUnderlyingType(column.ClrType) is not null;
                return stored == Unwrapped(column.ClrType) && (holdsMissing || !property.IsNullable)
                    ? property
                    : throw new InvalidOperationException(
                        $"{Name}.{column.Name} takes {column.ClrType.Name}, but {entity.DisplayName()}.{property.Name} is stored as {stored.Name}{(property.IsNullable ? " or missing" : "")}.");
            }),
        ];
    }

    private static Type Unwrapped(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    /// <summary>The row as the flush writes it: each column's value as stored, then the version read.</summary>
    internal object?[] RowOf(OmbudDb db, EntityEntry entry)
    {
        var properties = _properties.For(db);
        var row = new object?[properties.Length + 1];
        for (var i = 0; i < properties.Length; i++)
        {
            row[i] = Stored(properties[i], entry.Property(properties[i]).CurrentValue);
        }

        row[^1] = Stored(properties[1], entry.Property(properties[1]).OriginalValue);
        return row;
    }

    private static object? Stored(IProperty property, object? value) =>
        value is not null && property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
}

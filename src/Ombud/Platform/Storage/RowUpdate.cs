namespace Ombud.Platform.Storage;

/// <summary>
/// A table as a lean write path updates it (<see cref="StagedRows.Update{TEntity}"/>): each row found by its key and
/// written only while its version is still the one read, as EF Core's concurrency token is checked, with the version
/// and every other column set from the entity. Values come in the order key, version, columns; the version read is the
/// entity's original value of the property named as the version column.
/// </summary>
public sealed class RowUpdate
{
    public RowUpdate(string name, RowColumn key, RowColumn version, params RowColumn[] columns)
    {
        Name = name;
        Key = key;
        Version = version;
        Columns = [key, version, .. columns];
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

    public string Name { get; }

    public RowColumn Key { get; }

    /// <summary>The entity's concurrency token, by its property's name.</summary>
    public RowColumn Version { get; }

    /// <summary>Every column written: the key, the version, then the rest.</summary>
    public IReadOnlyList<RowColumn> Columns { get; }

    internal string PostgresUpdate { get; }

    internal string SqliteUpdate { get; }
}

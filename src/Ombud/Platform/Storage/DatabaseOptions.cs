namespace Ombud.Platform.Storage;

/// <summary>Section <c>Ombud:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Ombud:Database";

    /// <summary><c>sqlite</c> (embedded, the default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>For SQLite defaults to a file under ./data; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when <c>serve</c> starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase)
                              || string.Equals(Provider, "postgresql", StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, "sqlite", StringComparison.OrdinalIgnoreCase);
}

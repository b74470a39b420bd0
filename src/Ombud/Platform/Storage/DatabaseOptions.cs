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

    /// <summary>
    /// SQLite: how many HTTP requests and hub calls may wait for the node's one writer (<see cref="WriteGate"/>) before
    /// the next is answered 503 with Retry-After, nothing changed. 0 lets every request queue. Agents' answers and
    /// background work are never turned away.
    /// </summary>
    public int MaxWaitingRequests { get; set; } = 100;

    /// <summary>
    /// SQLite: the write-ahead log's length in pages at which a commit copies it back into the database file
    /// (<c>PRAGMA wal_autocheckpoint</c>). That copy and its two fsyncs run inside the committing transaction, so
    /// every writer queued behind it waits; a longer log holds many versions of the same hot pages, so each copy
    /// writes fewer pages per committed page and comes far less often, for a larger <c>-wal</c> file. SQLite's own
    /// default is 1,000; 10,000 paused the writer a tenth as often and for less time in all (docs/benchmarks.md).
    /// </summary>
    public int WalAutoCheckpointPages { get; set; } = 10_000;

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase)
                              || string.Equals(Provider, "postgresql", StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, "sqlite", StringComparison.OrdinalIgnoreCase);
}

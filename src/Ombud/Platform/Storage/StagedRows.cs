using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Ombud.Platform.Storage;

/// <summary>A table as a lean write path writes it: its name and the columns it fills, in order.</summary>
public sealed class RowTable
{
    public RowTable(string name, params RowColumn[] columns)
    {
        Name = name;
        Columns = columns;
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        // One statement for any number of rows: the arrays are unnested into rows, so Npgsql prepares it once per
        // connection and a batch of a hundred orders writes each table with one statement.
        PostgresInsert = $"INSERT INTO \"{name}\" ({names}) SELECT * FROM unnest({string.Join(", ", columns.Select((c, i) => $"${i + 1}::{c.PostgresType}[]"))})";
        SqliteInsert = $"INSERT INTO \"{name}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
    }

    public string Name { get; }

    public IReadOnlyList<RowColumn> Columns { get; }

    internal string PostgresInsert { get; }

    internal string SqliteInsert { get; }
}

/// <summary>A column: its name, the CLR type of its values and its PostgreSQL type.</summary>
public sealed record RowColumn(string Name, Type ClrType, string PostgresType)
{
    public static RowColumn Id(string name) => new(name, typeof(Guid), "uuid");

    /// <summary>An id that may be missing (see <see cref="NumberOrNull"/>).</summary>
    public static RowColumn IdOrNull(string name) => new(name, typeof(Guid?), "uuid");

    public static RowColumn Text(string name) => new(name, typeof(string), "text");

    /// <summary>A 32-bit integer (a count, a sequence, a version).</summary>
    public static RowColumn Number(string name) => new(name, typeof(int), "integer");

    /// <summary>
    /// A 32-bit integer that may be missing. Its own type because PostgreSQL's array of the column's values must be of
    /// <c>int?</c>: a missing value in an <c>int[]</c> would be written as 0.
    /// </summary>
    public static RowColumn NumberOrNull(string name) => new(name, typeof(int?), "integer");

    /// <summary>A double-precision number (a model's score, not money).</summary>
    public static RowColumn Real(string name) => new(name, typeof(double), "double precision");

    /// <summary>A double-precision number that may be missing (see <see cref="NumberOrNull"/>).</summary>
    public static RowColumn RealOrNull(string name) => new(name, typeof(double?), "double precision");

    /// <summary>A 64-bit integer: amounts in minor units.</summary>
    public static RowColumn Amount(string name) => new(name, typeof(long), "bigint");

    /// <summary>A UTC instant (PostgreSQL keeps microseconds: truncate before answering with it).</summary>
    public static RowColumn Instant(string name) => new(name, typeof(DateTime), "timestamptz");

    /// <summary>A UTC instant that may be missing (see <see cref="NumberOrNull"/>).</summary>
    public static RowColumn InstantOrNull(string name) => new(name, typeof(DateTime?), "timestamptz");

    public static RowColumn Date(string name) => new(name, typeof(DateOnly), "date");
}

/// <summary>
/// Rows a use case inserts without change tracking, for the hot paths where EF Core's per-entity tracking and SQL
/// generation are the cost (order ingestion). The <see cref="UnitOfWork"/> writes them in its transaction, before
/// its save, in one round trip on PostgreSQL (a batch of one <c>unnest</c> INSERT per table); a unique-key clash is
/// the same <see cref="WriteConflict"/> as from a save. Once a unit of work has staged rows, the platform's own rows
/// of that unit (its domain events, its idempotency record) are staged here too, so they cost no round trip of their own.
/// Rows EF tracks may have their updates staged too (<see cref="Update"/>): one statement a table, in the
/// same round trip, instead of one command each.
/// </summary>
public sealed class StagedRows
{
    private readonly List<(RowTable Table, List<object?[]> Rows)> _tables = [];

    private readonly List<(RowUpdate Table, object Entity)> _updates = [];

    /// <summary>True while no row is staged to be inserted (updates, written only if their entity changed, do not count).</summary>
    public bool IsEmpty => _tables.Count == 0;

    /// <summary>
    /// True while a <see cref="UnitOfWork"/> of this scope runs (it sets this), so that rows staged now are written at its
    /// commit. Rows staged at any other time are only ever written by a unit of work that starts later in the scope; a
    /// writer that saves by itself must not stage.
    /// </summary>
    public bool WillBeWritten { get; internal set; }

    private readonly HashSet<Type> _queued = [];

    /// <summary>The kinds of background work (an event delivery) the staged rows queue as due at once: a commit wakes their loops.</summary>
    public IReadOnlyCollection<Type> QueuedWork => _queued;

    /// <summary>Stages one row; values in the order of the table's columns.</summary>
    public void Add(RowTable table, params object?[] values)
    {
        if (values.Length != table.Columns.Count)
        {
            throw new ArgumentException($"{table.Name} takes {table.Columns.Count} values, not {values.Length}.", nameof(values));
        }

        var rows = _tables.Find(t => ReferenceEquals(t.Table, table)).Rows;
        if (rows is null)
        {
            rows = [];
            _tables.Add((table, rows));
        }

        rows.Add(values);
    }

    /// <summary>Stages a row of <typeparamref name="TWork"/> due at once, which the commit wakes that kind's loop for.</summary>
    public void AddQueuedWork<TWork>(RowTable table, params object?[] values)
        where TWork : IQueuedWork
    {
        Add(table, values);
        _queued.Add(typeof(TWork));
    }

    /// <summary>
    /// Stages the update of a row EF Core tracks. At the flush, if the unit of work has changed <paramref name="entity"/>
    /// by then (after this call too), its row is written from the entity as it stands (every column of
    /// <paramref name="table"/>) with the table's other updates in one statement, and EF leaves it alone; unchanged, it
    /// costs nothing. Its version is checked as EF checks a concurrency token: a row that moved on since it was read fails
    /// the flush with <see cref="DbUpdateConcurrencyException"/>, and the unit of work runs again on fresh data.
    /// </summary>
    public void Update(RowUpdate table, object entity)
    {
        if (!_updates.Exists(u => ReferenceEquals(u.Entity, entity)))
        {
            _updates.Add((table, entity));
        }
    }

    /// <summary>True while nothing but rows to insert is staged: no update whose version check must come before a commit.</summary>
    internal bool OnlyInserts => _updates.Count == 0;

    /// <summary>
    /// Inserts every staged row on PostgreSQL with no transaction open, as one batch: PostgreSQL runs the statements
    /// up to the one Sync Npgsql sends at a batch's end as one implicit transaction, so the rows are stored all or none
    /// (a failing statement rolls back those before it), and stored once this returns. One round trip, where BEGIN,
    /// the batch and COMMIT took two.
    /// </summary>
    internal async Task InsertAsOneAsync(OmbudDb db, CancellationToken ct)
    {
        if (!OnlyInserts || db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Only staged inserts, with no transaction open, are written as one implicit transaction.");
        }

        if (!IsEmpty)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
                AddInserts(batch);
                await batch.ExecuteNonQueryAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        Clear();
    }

    internal void Clear()
    {
        _tables.Clear();
        _updates.Clear();
        _queued.Clear();
    }

    /// <summary>
    /// Inserts every staged row in the open transaction of <paramref name="db"/>, tables in the order first staged, then
    /// writes the staged updates of the entities that changed.
    /// </summary>
    internal async Task FlushAsync(OmbudDb db, CancellationToken ct)
    {
        var updates = Changed(db);
        if (IsEmpty && updates.Count == 0)
        {
            Clear();
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Staged rows are written inside a unit of work's transaction.");
        switch (transaction)
        {
            case NpgsqlTransaction pg:
                await FlushAsync(pg, updates, ct);
                break;
            case SqliteTransaction sqlite:
                await FlushAsync(sqlite, updates, ct);
                break;
            default:
                throw new NotSupportedException($"No lean writes for {transaction.GetType().Name}.");
        }

        foreach (var entry in updates.SelectMany(u => u.Entries))
        {
            // Written: as after EF's own save, what it tracks is what is stored, so its save leaves the row alone.
            entry.OriginalValues.SetValues(entry.CurrentValues);
            entry.State = EntityState.Unchanged;
        }

        Clear();
    }

    /// <summary>The staged updates whose entity changed, a table's together; each row's last value is the version read.</summary>
    private List<ChangedRows> Changed(OmbudDb db)
    {
        var changed = new List<ChangedRows>();
        foreach (var (table, entity) in _updates)
        {
            var entry = db.Entry(entity);
            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            var row = table.RowOf(db, entry);
            var rows = changed.Find(c => ReferenceEquals(c.Table, table));
            if (rows is null)
            {
                rows = new ChangedRows(table, [], []);
                changed.Add(rows);
            }

            rows.Rows.Add(row);
            rows.Entries.Add(entry);
        }

        return changed;
    }

    private async Task FlushAsync(NpgsqlTransaction transaction, List<ChangedRows> updates, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        AddInserts(batch);
        var checkedUpdates = new List<(RowUpdate Table, int Rows, NpgsqlBatchCommand Command)>();
        foreach (var (table, rows, _) in updates)
        {
            // The versions read go last, after the table's columns.
            var command = Unnested(table.PostgresUpdate, [.. table.Columns, table.Version], rows);
            batch.BatchCommands.Add(command);
            checkedUpdates.Add((table, rows.Count, command));
        }

        await batch.ExecuteNonQueryAsync(ct);
        foreach (var (table, count, command) in checkedUpdates)
        {
            Written(table, count, command.RecordsAffected);
        }
    }

    /// <summary>One INSERT a table, tables in the order first staged.</summary>
    private void AddInserts(NpgsqlBatch batch)
    {
        foreach (var (table, rows) in _tables)
        {
            batch.BatchCommands.Add(Unnested(table.PostgresInsert, table.Columns, rows));
        }
    }

    /// <summary>One statement for all the rows: a column's values as one array parameter, unnested into rows by the statement.</summary>
    private static NpgsqlBatchCommand Unnested(string statement, IReadOnlyList<RowColumn> columns, List<object?[]> rows)
    {
        var command = new NpgsqlBatchCommand(statement);
        for (var c = 0; c < columns.Count; c++)
        {
            var values = Array.CreateInstance(columns[c].ClrType, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                values.SetValue(rows[r][c], r);
            }

            command.Parameters.Add(new NpgsqlParameter { Value = values });
        }

        return command;
    }

    private async Task FlushAsync(SqliteTransaction transaction, List<ChangedRows> updates, CancellationToken ct)
    {
        // SQLite is in process: no round trip to save, so one prepared statement per table, stepped once per row.
        foreach (var (table, rows) in _tables)
        {
            await StepAsync(transaction, table.SqliteInsert, rows, _ => { }, ct);
        }

        foreach (var (table, rows, _) in updates)
        {
            await StepAsync(transaction, table.SqliteUpdate, rows, written => Written(table, 1, written), ct);
        }
    }

    private static async Task StepAsync(SqliteTransaction transaction, string statement, List<object?[]> rows, Action<int> written, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement;
        var parameters = rows[0].Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < parameters.Length; c++)
            {
                parameters[c].Value = SqliteValue(row[c]);
            }

            written(await command.ExecuteNonQueryAsync(ct));
        }
    }

    /// <summary>A row whose version moved on was not written: the unit of work runs again, as after EF's own check.</summary>
    private static void Written(RowUpdate table, int expected, int written)
    {
        if (written != expected)
        {
            throw new DbUpdateConcurrencyException($"{expected - written} of {expected} rows of {table.Name} changed since they were read.");
        }
    }

    /// <summary>The value as EF Core's SQLite provider stores it: GUIDs as upper-case text, instants and dates as ISO text.</summary>
    private static object SqliteValue(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    private sealed record ChangedRows(RowUpdate Table, List<object?[]> Rows, List<EntityEntry> Entries);
}

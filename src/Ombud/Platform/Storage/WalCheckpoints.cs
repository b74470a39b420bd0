using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Ombud.Platform.Telemetry;

namespace Ombud.Platform.Storage;

/// <summary>
/// SQLite copies its write-ahead log back into the database file in a checkpoint, and syncs both files to disk. Left to
/// itself, the commit that takes the log past 1,000 pages runs that checkpoint inside the commit: on a node this is the
/// one writer holding the <see cref="WriteGate"/>, and every turn queued behind it waits for the syncs (17–305 ms under
/// the assistant bench on a loaded machine, every few seconds). The node therefore checkpoints here instead, on a
/// connection of its own and outside the gate, every <see cref="Every"/>: a PASSIVE checkpoint takes no writer's lock,
/// so commits go on while it copies and syncs.
/// </summary>
/// <remarks>
/// <para>
/// A PASSIVE checkpoint copies only what no reader still needs, and the next writer starts the log again from its
/// beginning only once all of it is copied. Readers that always hold an old snapshot could keep the log growing; once it
/// passes <see cref="RestartPages"/> this takes the gate in the background lane and runs a RESTART checkpoint, which
/// waits for those readers and starts the log again: a rare, bounded wait instead of a log without end.
/// </para>
/// <para>
/// What a commit promises is unchanged: with synchronous=NORMAL a commit is in the log, in the OS's hands, when it
/// returns, whoever checkpoints it later (<see cref="SqlitePragmas"/>), so a killed process loses nothing it
/// acknowledged. Commits still checkpoint themselves past <see cref="SafetyNetPages"/>, for one-shot commands, which
/// may not run this, and in case this falls behind.
/// </para>
/// </remarks>
internal sealed class WalCheckpoints(DatabaseOptions options, WriteGate gate, IMeterFactory meters, ILogger<WalCheckpoints> log)
    : BackgroundService
{
    /// <summary>Where a commit checkpoints on its own (<c>PRAGMA wal_autocheckpoint</c>, in pages; SQLite's default is 1,000).</summary>
    public const int SafetyNetPages = 10_000;

    /// <summary>A log this long after a passive checkpoint has not been started again: readers hold it, so restart it.</summary>
    public const int RestartPages = 8_000;

    /// <summary>How long a restart, holding the gate, waits for readers of the old log before it tries again at the next tick.</summary>
    private static readonly TimeSpan RestartWait = TimeSpan.FromSeconds(1);

    /// <summary>About as often as a busy node's commits filled SQLite's 1,000 pages, so each checkpoint stays as small as before.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private readonly Histogram<double> _duration = meters.Create(TelemetrySetup.MeterName).CreateHistogram<double>(
        "ombud.sqlite.checkpoint.duration", "ms", "Time of one SQLite checkpoint run by the node, outside its commits.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the demo clock: this paces disk work, not anything a person sees.
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(stoppingToken);
            }
            catch (SqliteException failure)
            {
                // The next tick tries again; meanwhile commits fall back on their own checkpoints past the safety net.
                WalCheckpointsLog.Failed(log, failure);
            }
        }
    }

    /// <summary>One passive checkpoint, and a restart under the gate when the log has grown past <see cref="RestartPages"/>.</summary>
    public async Task<WalState> CheckpointAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var state = await RunAsync(options.ConnectionString!, "PASSIVE", cancellationToken);
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (state.LogPages < RestartPages)
        {
            return state;
        }

        using (await gate.EnterAsync(WriteLane.Background, cancellationToken))
        {
            state = await RunAsync(options.ConnectionString!, "RESTART", cancellationToken, RestartWait);
        }

        if (state.Busy)
        {
            WalCheckpointsLog.RestartBusy(log, state.LogPages);
        }

        return state;
    }

    /// <summary>
    /// Runs <c>PRAGMA wal_checkpoint(mode)</c> on a connection of its own and answers what SQLite reports. A mode that
    /// waits for readers (RESTART) is given <paramref name="readersWait"/> on a connection outside the pool, so no
    /// pooled connection keeps that busy timeout.
    /// </summary>
    internal static async Task<WalState> RunAsync(string connectionString, string mode, CancellationToken cancellationToken,
        TimeSpan readersWait = default)
    {
        var waits = readersWait > TimeSpan.Zero;
        await using var connection = new SqliteConnection(waits
            ? new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()
            : connectionString);
        await connection.OpenAsync(cancellationToken);
        if (waits)
        {
            await using var timeout = connection.CreateCommand();
            timeout.CommandText = $"PRAGMA busy_timeout={(int)readersWait.TotalMilliseconds};";
            await timeout.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var result = await command.ExecuteReaderAsync(cancellationToken);
        return await result.ReadAsync(cancellationToken)
            ? new WalState(result.GetInt32(0) != 0, result.GetInt32(1), result.GetInt32(2))
            : new WalState(false, 0, 0);
    }
}

/// <summary>What a checkpoint reports: whether it was kept from finishing, the log's length and how much of it is copied, in pages.</summary>
internal readonly record struct WalState(bool Busy, int LogPages, int CopiedPages);

internal static partial class WalCheckpointsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The SQLite checkpoint failed; commits checkpoint themselves if the log keeps growing.")]
    public static partial void Failed(ILogger log, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SQLite log is {Pages} pages long and readers kept it from starting again; the next checkpoint tries again.")]
    public static partial void RestartBusy(ILogger log, int pages);
}

using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ombud.Platform.Storage;

/// <summary>
/// In WAL mode, synchronous=NORMAL syncs the log at checkpoints instead of at every commit: a committed transaction
/// survives the process being killed (the log is in the OS's hands), and only a power cut or OS crash can lose the last
/// ones. The embedded default takes that trade for write speed; PostgreSQL is the choice when that is not enough.
/// Both settings belong to the connection, not the file, so every connection the node opens gets them.
/// </summary>
internal sealed class SqlitePragmas(int walAutoCheckpointPages) : DbConnectionInterceptor
{
    private readonly string _pragmas = Pragmas(walAutoCheckpointPages);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Run(connection, _pragmas);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(connection, _pragmas);
        return Task.CompletedTask;
    }

    internal static void Apply(DbConnection connection, int walAutoCheckpointPages) => Run(connection, Pragmas(walAutoCheckpointPages));

    private static string Pragmas(int walAutoCheckpointPages) =>
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint={walAutoCheckpointPages};");

    private static void Run(DbConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }
}

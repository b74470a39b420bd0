using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ombud.Platform.Storage;

/// <summary>
/// In WAL mode, synchronous=NORMAL syncs the log at checkpoints instead of at every commit: a committed transaction
/// survives the process being killed (the log is in the OS's hands), and only a power cut or OS crash can lose the last
/// ones. The embedded default takes that trade for write speed; PostgreSQL is the choice when that is not enough.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    internal static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ombud.Platform.Storage;

/// <summary>
/// Recognises a unique-index violation on either provider and says which column clashed, so racing writers and
/// reused natural keys become a 409 that names the field instead of a 500. Asking the database is also what makes the
/// check race-free: a look-up before the insert would leave a window.
/// </summary>
public static class UniqueViolation
{
    /// <summary>From EF Core's save (the database's error is its inner exception) or a lean write (the error itself).</summary>
    public static bool TryDescribe(Exception exception, out string column)
    {
        switch (exception is DbUpdateException ? exception.InnerException : exception)
        {
            case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg:
                // Index names follow EF's convention IX_<table>_<Column>[_<Column>…]; the primary key PK_<table>.
                column = pg.ConstraintName is { } name && name.StartsWith("IX_", StringComparison.Ordinal) && name.LastIndexOf('_') > 3
                    ? name[(name.LastIndexOf('_') + 1)..]
                    : "id";
                return true;
            case SqliteException { SqliteErrorCode: 19 } sqlite when sqlite.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal)
                                                                      || sqlite.Message.Contains("PRIMARY KEY", StringComparison.Ordinal):
                // "UNIQUE constraint failed: commerce_orders.ExternalId"
                var failed = sqlite.Message[(sqlite.Message.LastIndexOf(':') + 1)..].Trim().TrimEnd('\'', '.');
                column = failed.Contains('.', StringComparison.Ordinal) ? failed[(failed.LastIndexOf('.') + 1)..] : failed;
                return true;
            default:
                column = "";
                return false;
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ombud.Platform.Storage;

/// <summary>
/// Recognises a write the database gave up on because another transaction held what it needed: PostgreSQL's deadlock
/// (40P01, one of two waiting writers is chosen as the victim) and serialization failure (40001). Nothing of the
/// victim was saved and the same request may simply be made again, so callers answer a conflict to retry, never a
/// 500. SQLite has one writer at a time and reports neither.
/// </summary>
public static class WriteClash
{
    /// <summary>
    /// Looks through the wrappers: EF's <see cref="DbUpdateException"/>, and the InvalidOperationException ("likely due
    /// to a transient failure") that Npgsql's execution strategy puts around both codes.
    /// </summary>
    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the caller is told: the same words wherever a write gave way.</summary>
    public const string Retry = "changed while this request was made; read it again and retry.";
}

using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ombud.Platform.Storage;

/// <summary>
/// Recognises PostgreSQL's foreign-key violation (23503) and says which field and what kind of record it missed, from
/// EF's constraint name <c>FK_&lt;table&gt;_&lt;principal table&gt;_&lt;Column&gt;</c>. A write that lets the database
/// check its references saves the look-up before it (a round trip on ingestion's hot path); SQLite's error names no
/// constraint, so a use case checks first there.
/// </summary>
public static class ReferenceViolation
{
    public static bool TryDescribe(Exception exception, out MissingReference missing)
    {
        missing = null!;
        if ((exception is DbUpdateException ? exception.InnerException : exception) is not PostgresException
            { SqlState: PostgresErrorCodes.ForeignKeyViolation, ConstraintName: { } name, TableName: { } table })
        {
            return false;
        }

        // FK_commerce_orders_commerce_customers_CustomerId: the principal table sits between the table and the column.
        var column = name[(name.LastIndexOf('_') + 1)..];
        var prefix = $"FK_{table}_";
        var principal = name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length + column.Length + 1
            ? name[prefix.Length..^(column.Length + 1)]
            : "record";
        var what = principal[(principal.IndexOf('_') + 1)..].TrimEnd('s');
        missing = new MissingReference(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(column), what);
        return true;
    }
}

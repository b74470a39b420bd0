namespace Ombud.Platform.Http;

/// <summary>
/// Keyset pagination over time-ordered (version 7) ids: a page is "the next N after this id", which stays correct
/// and fast while rows are being added, unlike offsets.
/// </summary>
internal static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static bool TryParse(string? cursor, out Guid? after)
    {
        after = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (Guid.TryParseExact(cursor, "N", out var id))
        {
            after = id;
            return true;
        }

        return false;
    }

    public const string NotACursor = "Not a cursor this API gave out; pass nextCursor back unchanged.";

    /// <summary>Checks a page request's <c>cursor</c> and <c>limit</c> into <paramref name="check"/>; answers the id to read after.</summary>
    public static Guid? Check(Validation check, string? cursor, int? limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            check.Add("limit", $"Between 1 and {MaxLimit}.");
        }

        if (!TryParse(cursor, out var after))
        {
            check.Add("cursor", NotACursor);
        }

        return after;
    }

    public static Page<TOut> PageOf<TIn, TOut>(List<TIn> rows, int limit, Func<TIn, Guid> id, Func<TIn, TOut> map)
    {
        // One row more than asked was read to learn whether another page exists.
        var more = rows.Count > limit;
        var items = rows.Take(limit).Select(map).ToList();
        return new Page<TOut>(items, more ? id(rows[limit - 1]).ToString("N") : null);
    }
}

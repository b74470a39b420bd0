using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Http;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Audit;

/// <summary>Reads the audit log back: the admin's filtered pages, and who looked at a subject's data. Entries are only ever added.</summary>
public sealed class AuditTrail(OmbudDb db)
{
    /// <summary>
    /// Reads of a subject's data, newest first: any action naming a look (<c>…viewed</c>, <c>…-viewed</c>) or an
    /// export (<c>…exported</c>).
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadsOfAsync(string subject, int limit, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking()
            .Where(e => e.Subject == subject && (e.Action.EndsWith("viewed") || e.Action.EndsWith("exported")))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit).ToListAsync(ct);

    /// <summary>The entries that pass <paramref name="filter"/>, newest first, a page at a time.</summary>
    public async Task<Outcome<Page<AuditRecord>>> PageAsync(AuditFilter filter, string? cursor, int? limit, CancellationToken ct)
    {
        var invalid = new Validation();
        invalid.Optional("actor", filter.Actor).Optional("action", filter.Action).Optional("subject", filter.Subject);
        var (start, end) = invalid.Days("from", filter.From, "to", filter.To);
        var after = Cursor.Check(invalid, cursor, limit);
        if (!invalid.IsValid)
        {
            return invalid.ToError();
        }

        var rows = db.AuditEntries.AsNoTracking();
        if (await ActorAsync(filter.Actor, ct) is { } actor)
        {
            rows = rows.Where(e => e.Actor == actor);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            rows = rows.Where(e => e.Action.StartsWith(action));
        }

        if (!string.IsNullOrWhiteSpace(filter.Subject))
        {
            var subject = filter.Subject.Trim();
            rows = rows.Where(e => e.Subject == subject);
        }

        (rows, var take) = (Between(rows, start, end), limit ?? Cursor.DefaultLimit);
        if (after is { } last)
        {
            // Ids are version 7, made at the entry's instant: descending id is newest first.
            rows = rows.Where(e => e.Id < last);
        }

        var page = await rows.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        return Cursor.PageOf(page, take, e => e.Id, AuditRecord.Of);
    }

    /// <summary>An actor as the log names it; a person may also be named by e-mail, which is looked up ("user:&lt;id&gt;").</summary>
    private async Task<string?> ActorAsync(string? actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            return null;
        }

        var named = actor.Trim();
        if (!named.Contains('@', StringComparison.Ordinal))
        {
            return named;
        }

        var upper = named.ToUpperInvariant();
        var id = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == upper).Select(u => u.Id).FirstOrDefaultAsync(ct);
        // Nobody with that e-mail: an actor no entry has, so the page is empty rather than unfiltered.
        return id is null ? named : $"user:{id}";
    }

    private static IQueryable<AuditEntry> Between(IQueryable<AuditEntry> rows, DateTime? start, DateTime? end)
    {
        if (start is { } first)
        {
            rows = rows.Where(e => e.At >= first);
        }

        return end is { } last ? rows.Where(e => e.At < last) : rows;
    }
}

/// <summary>What the audit log page and API narrow to; every part optional.</summary>
/// <param name="Actor">Who: <c>user:&lt;id&gt;</c>, <c>apikey:&lt;id&gt;</c>, <c>cli</c>, or a person's e-mail.</param>
/// <param name="Action">What: the action or its start, e.g. <c>customer.</c> for every act on customers.</param>
/// <param name="Subject">On what, exactly, e.g. <c>customer:&lt;id&gt;</c>.</param>
/// <param name="From">On or after this day (UTC), <c>yyyy-MM-dd</c>.</param>
/// <param name="To">On or before this day (UTC), <c>yyyy-MM-dd</c>.</param>
public sealed record AuditFilter(string? Actor, string? Action, string? Subject, string? From, string? To);

/// <summary>One audit entry as the admin reads it.</summary>
public sealed record AuditRecord(Guid Id, DateTime At, string Actor, string Action, string Subject, string? Detail)
{
    internal static AuditRecord Of(AuditEntry e) => new(e.Id, e.At, e.Actor, e.Action, e.Subject, e.Detail);
}

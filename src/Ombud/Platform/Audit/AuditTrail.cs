using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Audit;

/// <summary>Reads the audit log back: who looked at a subject's data. Entries are only ever added, so reads never lock.</summary>
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
}

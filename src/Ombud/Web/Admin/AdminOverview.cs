using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Web.Admin;

/// <summary>What an administrator checks first: how much of everything there is, which system keys exist, who did what lately.</summary>
internal sealed class AdminOverview(OmbudDb db, IEnumerable<IAdminCounts> modules)
{
    public const int RecentAuditEntries = 30;

    private const string UserPrefix = "user:";

    public async Task<AdminView> LoadAsync(CancellationToken cancellationToken)
    {
        // One query after the other: a DbContext runs one command at a time.
        var counts = new List<EntityCount>();
        foreach (var module in modules)
        {
            counts.AddRange(await module.CountAsync(db, cancellationToken));
        }
        counts.Add(new("People with accounts", await db.Users.CountAsync(cancellationToken)));
        counts.Add(new("Active API keys", await db.ApiKeys.CountAsync(k => k.RevokedAt == null, cancellationToken)));
        counts.Add(new("Audit entries", await db.AuditEntries.CountAsync(cancellationToken)));

        // The secret of a key is never stored, and its hash is not shown either: name, scopes and dates say enough.
        var keys = await db.ApiKeys.AsNoTracking()
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Scopes, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);

        var entries = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.At)
            .Take(RecentAuditEntries)
            .ToListAsync(cancellationToken);
        // Entries name people by id ("user:<id>"), which stays true when an email changes; the page adds the email.
        var userIds = entries.SelectMany(e => new[] { e.Actor, e.Subject })
            .Where(s => s.StartsWith(UserPrefix, StringComparison.Ordinal))
            .Select(s => s[UserPrefix.Length..])
            .Distinct()
            .ToList();
        var emails = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, cancellationToken);
        var audit = entries
            .Select(e => new AuditRow(e.At, e.Actor, Named(e.Actor, emails), e.Action, e.Subject, Named(e.Subject, emails), e.Detail))
            .ToList();

        var roles = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                group userRole by role.Name into g
                select new { Role = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        return new AdminView(counts, keys, audit, roles.Where(r => r.Role is not null).ToDictionary(r => r.Role!, r => r.Count));
    }

    private static string Named(string reference, Dictionary<string, string> emails) =>
        reference.StartsWith(UserPrefix, StringComparison.Ordinal) && emails.TryGetValue(reference[UserPrefix.Length..], out var email)
            ? email
            : reference;
}

internal sealed record AdminView(
    IReadOnlyList<EntityCount> Counts,
    IReadOnlyList<ApiKeyRow> ApiKeys,
    IReadOnlyList<AuditRow> RecentAudit,
    IReadOnlyDictionary<string, int> PeopleByRole);

internal sealed record EntityCount(string What, int Count);

internal sealed record ApiKeyRow(Guid Id, string Name, string Scopes, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>An audit entry; <see cref="ActorName"/> and <see cref="SubjectName"/> show a person's email where the entry has their id.</summary>
internal sealed record AuditRow(DateTime At, string Actor, string ActorName, string Action, string Subject, string SubjectName, string? Detail);

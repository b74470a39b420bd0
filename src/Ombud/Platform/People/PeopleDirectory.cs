using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Http;
using Ombud.Platform.Storage;

namespace Ombud.Platform.People;

/// <summary>The admin's list of people: every account, by e-mail, with roles, status and last sign-in, a page at a time.</summary>
public sealed class PeopleDirectory(OmbudDb db, TimeProvider clock)
{
    public const int MaxQueryLength = 200;

    /// <summary>
    /// People whose e-mail or name contains <paramref name="q"/>, in e-mail order. The cursor is the last person's id;
    /// e-mails are unique, so "after this person's e-mail" is exact while people are added.
    /// </summary>
    public async Task<Outcome<Page<PersonSummary>>> PageAsync(string? q, string? cursor, int? limit, CancellationToken ct)
    {
        var check = new Validation().Optional("q", q, MaxQueryLength);
        var after = Cursor.Check(check, cursor, limit);
        if (!check.IsValid)
        {
            return check.ToError();
        }

        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var (upper, lower) = (q.Trim().ToUpperInvariant(), q.Trim().ToLowerInvariant());
            // lower(…) LIKE in both databases; EF does not translate Contains with a StringComparison.
#pragma warning disable CA1862
            users = users.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToLower().Contains(lower));
#pragma warning restore CA1862
        }

        if (after is { } last)
        {
            var lastId = last.ToString();
            var lastEmail = await db.Users.AsNoTracking().Where(u => u.Id == lastId).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(ct);
            if (lastEmail is null)
            {
                return Invalid.Field("cursor", Cursor.NotACursor);
            }

            // "e-mail > last" in SQL, in the database's own collation, the same one ORDER BY uses below.
#pragma warning disable CA1309
            users = users.Where(u => string.Compare(u.NormalizedEmail, lastEmail) > 0);
#pragma warning restore CA1309
        }

        var take = limit ?? Cursor.DefaultLimit;
        var rows = await users.OrderBy(u => u.NormalizedEmail).Take(take + 1).ToListAsync(ct);
        var summaries = await SummariesAsync(rows, ct);
        return Cursor.PageOf(rows, take, u => Guid.Parse(u.Id), u => summaries[u.Id]);
    }

    /// <summary>One person, as the list shows them; null when there is no such account.</summary>
    public async Task<PersonSummary?> FindAsync(string id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? null : (await SummariesAsync([user], ct))[user.Id];
    }

    private async Task<Dictionary<string, PersonSummary>> SummariesAsync(IReadOnlyList<Auth.OmbudUser> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.AsNoTracking().Where(ur => ids.Contains(ur.UserId))
                .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);
        var external = (await db.UserLogins.AsNoTracking().Where(l => ids.Contains(l.UserId)).Select(l => l.UserId).ToListAsync(ct)).ToHashSet();
        var subjects = ids.Select(id => $"user:{id}").ToList();
        var signIns = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "user.signed-in" && subjects.Contains(e.Subject))
            .GroupBy(e => e.Subject).Select(g => new { Subject = g.Key, At = g.Max(e => e.At) }).ToDictionaryAsync(s => s.Subject, s => s.At, ct);
        var now = clock.GetUtcNow();
        return users.ToDictionary(u => u.Id, u => new PersonSummary(
            u.Id, u.Email ?? "", u.DisplayName, roles[u.Id].Order(StringComparer.Ordinal).ToList(),
            StatusOf(u, now, external.Contains(u.Id)), u.MerchantId,
            signIns.TryGetValue($"user:{u.Id}", out var at) ? at : null));
    }

    /// <summary>Locked while a lockout end lies ahead; invited while there is neither a password nor an organisation sign-in.</summary>
    internal static PersonStatus StatusOf(Auth.OmbudUser user, DateTimeOffset now, bool signsInExternally) =>
        user.LockoutEnd is { } end && end > now ? PersonStatus.Locked
        : user.PasswordHash is null && !signsInExternally ? PersonStatus.Invited
        : PersonStatus.Active;
}

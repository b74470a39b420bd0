using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Web.Account;

/// <summary>
/// The demo accounts the sign-in page offers with one click. Read from the users table rather than from the demo
/// world's own list, so the page offers exactly the accounts that exist in this database.
/// </summary>
internal sealed class DemoAccountList(OmbudDb db)
{
    public async Task<IReadOnlyList<DemoAccountChoice>> LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await (
                from user in db.Users.AsNoTracking()
                where user.IsDemo
                join userRole in db.UserRoles on user.Id equals userRole.UserId into userRoles
                from userRole in userRoles.DefaultIfEmpty()
                join role in db.Roles on userRole.RoleId equals role.Id into roles
                from role in roles.DefaultIfEmpty()
                select new { user.Id, user.Email, user.DisplayName, Role = role.Name })
            .ToListAsync(cancellationToken);

        return rows
            .GroupBy(r => r.Id)
            .Select(g =>
            {
                var first = g.First();
                // One button per account, labelled with its most telling role (the same precedence as its home page).
                var role = RoleHomes.All.Select(h => h.Role).FirstOrDefault(r => g.Any(row => row.Role == r));
                return new DemoAccountChoice(first.Id, first.Email ?? "", first.DisplayName, role);
            })
            .OrderBy(a => a.Role is null ? int.MaxValue : IndexOf(a.Role))
            .ThenBy(a => a.Email, StringComparer.Ordinal)
            .ToList();
    }

    private static int IndexOf(string role)
    {
        for (var i = 0; i < Roles.All.Count; i++)
        {
            if (Roles.All[i] == role)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}

internal sealed record DemoAccountChoice(string UserId, string Email, string DisplayName, string? Role);

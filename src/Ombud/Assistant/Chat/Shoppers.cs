using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Assistant.Chat;

/// <summary>Which customer a signed-in shopper is: read from their account, never from anything the client sends.</summary>
internal static class Shoppers
{
    public static async Task<Guid?> CustomerIdAsync(ClaimsPrincipal user, OmbudDb db, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.CustomerId).SingleOrDefaultAsync(ct);
    }
}

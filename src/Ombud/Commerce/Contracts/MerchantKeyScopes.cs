using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Web.Admin;

namespace Ombud.Commerce.Contracts;

/// <summary>One <c>merchant:&lt;id&gt;</c> scope per merchant, by name, for the admin's key form.</summary>
internal sealed class MerchantKeyScopes : IKeyScopeChoices
{
    public async Task<IReadOnlyList<KeyScopeChoice>> ChoicesAsync(OmbudDb db, CancellationToken ct) =>
        (await db.Set<Merchant>().AsNoTracking().OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).ToListAsync(ct))
        .Select(m => new KeyScopeChoice(Scopes.ForMerchant(m.Id), $"Merchant {m.Name}")).ToList();
}

using Microsoft.EntityFrameworkCore;
using Ombud.Platform.People;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Contracts;

/// <summary>The merchants a merchant user may be invited to act for, by name, for the admin's people pages and API.</summary>
internal sealed class MerchantAccounts(OmbudDb db) : IMerchantChoices
{
    public async Task<IReadOnlyList<MerchantChoice>> ChoicesAsync(CancellationToken ct) =>
        await db.Set<Merchant>().AsNoTracking().OrderBy(m => m.Name).Select(m => new MerchantChoice(m.Id, m.Name)).ToListAsync(ct);

    public Task<bool> ExistsAsync(Guid merchantId, CancellationToken ct) => db.Set<Merchant>().AnyAsync(m => m.Id == merchantId, ct);
}

using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Difficulty;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// Shoppers in payment difficulty at each stage, so the flows can be tried: the world's late payers already include
/// shoppers with a first missed payment; on top, one Swedish shopper has extended a due date twice (the limit) and
/// another, behind on a payment, is in a breathing space. Planted through the product's own use cases after the
/// world is written, so their adjustments, audit entries and events are what a shopper's own would be.
/// </summary>
internal static class DemoDifficulty
{
    public static async Task<int> PlantAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var adjustments = services.GetRequiredService<PlanAdjustments>();
        var swedes = await db.Set<Customer>().AsNoTracking().Where(c => c.Market == "SE" && c.ExternalId != DemoWorldBuilder.ShopperExternalId)
            .OrderBy(c => c.ExternalId).Select(c => c.Id).ToListAsync(ct);
        var plans = (await db.Set<PaymentPlan>().AsNoTracking().Where(p => swedes.Contains(p.CustomerId) && p.HeldSince == null).ToListAsync(ct))
            .Where(p => !p.IsSettled).ToList();
        var behind = plans.Where(p => p.Instalments.Any(i => i.Status == InstalmentStatus.Missed)).OrderBy(p => swedes.IndexOf(p.CustomerId)).FirstOrDefault();
        var onTime = plans.Where(p => p.Kind == PlanKind.PayIn4 && p.CustomerId != behind?.CustomerId && p.Instalments.All(i => i.Status != InstalmentStatus.Missed))
            .OrderBy(p => swedes.IndexOf(p.CustomerId)).FirstOrDefault();
        var planted = 0;
        if (onTime is not null)
        {
            planted += await TakeAsync(adjustments, onTime, AdjustmentKind.ExtendDueDate, ct);
            planted += await TakeAsync(adjustments, onTime, AdjustmentKind.ExtendDueDate, ct);
        }

        if (behind is not null)
        {
            planted += await TakeAsync(adjustments, behind, AdjustmentKind.BreathingSpace, ct);
        }

        return planted;
    }

    private static async Task<int> TakeAsync(PlanAdjustments adjustments, PaymentPlan plan, AdjustmentKind kind, CancellationToken ct)
    {
        var options = await adjustments.OptionsAsync(plan.CustomerId, plan.Id, ct);
        if (options.Value?.Offers.FirstOrDefault(o => o.Kind == kind) is not { Standing: Contracts.OfferStanding.SelfService } offer)
        {
            return 0;
        }

        var taken = await adjustments.TakeAsync(plan.CustomerId, plan.Id, kind, offer.Cost.Minor, $"customer:{plan.CustomerId} (demo)", ct);
        return taken.Succeeded ? 1 : 0;
    }
}

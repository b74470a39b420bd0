using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Commerce.Difficulty;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// Collection at each stage for the demo, through the product's own collection pass run as it would have run on
/// earlier days: every other shopper long overdue got their notice the full notice days ago (today's pass hands their
/// plan over, unless they paid or were helped since), the rest a week later (their notice is still running). Staff
/// then see plans in collection to withdraw, and shoppers see notices running.
/// </summary>
internal static class DemoCollection
{
    public static async Task<(int Notices, int HandedOver)> PlantAsync(IServiceProvider services, CancellationToken ct)
    {
        var markets = services.GetRequiredService<IOptions<DifficultyOptions>>().Value.Markets.Values.Where(m => m.HandsOverToCollection).ToList();
        if (markets.Count == 0)
        {
            return (0, 0);
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var noticeDays = markets.Max(m => m.CollectionNoticeDays);
        var longAgo = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-noticeDays);
        var overdueDays = markets.Min(m => m.CollectionNoticeDaysOverdue);
        var behind = (await services.GetRequiredService<OmbudDb>().Set<PaymentPlan>().AsNoTracking().Where(p => p.HandedToCollectionAt == null).ToListAsync(ct))
            .Where(p => p.OverdueForCollection(longAgo, overdueDays).Count > 0).Select(p => p.CustomerId).Distinct().Order().ToList();
        var first = behind.Where((_, i) => i % 2 == 0).ToHashSet();

        var (noticesThen, _) = await Earlier(services, clock, noticeDays).RunAsync(first.Contains, ct);
        var (noticesLater, _) = await Earlier(services, clock, Math.Max(1, noticeDays / 2)).RunAsync(_ => true, ct);
        var (noticesNow, handedOver) = await services.GetRequiredService<CollectionNotices>().RunAsync(ct);
        return (noticesThen + noticesLater + noticesNow, handedOver);
    }

    private static CollectionNotices Earlier(IServiceProvider services, TimeProvider clock, int days) =>
        ActivatorUtilities.CreateInstance<CollectionNotices>(services, new EarlierClock(clock, TimeSpan.FromDays(days)));

    /// <summary>The app's clock, <paramref name="back"/> ago.</summary>
    private sealed class EarlierClock(TimeProvider clock, TimeSpan back) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow() - back;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Difficulty;

/// <summary>
/// Notice before action, run daily with the watch: a shopper with an overdue payment first gets a notice in their
/// pages naming the amount, the date a late fee would be charged, the fee and their options, with the market's
/// regulatory text; only once the notice is <see cref="MarketDifficultyRules.NoticeDaysBeforeLateFee"/> days old, and
/// the grace days are over, is the fee charged. Nothing while a dispute holds the plan or a breathing space runs.
/// Markets with no <see cref="MarketDifficultyRules.LateFeeMinor"/> are left alone.
/// </summary>
public sealed class LateFeeNotices(OmbudDb db, UnitOfWork unitOfWork, AuditLog audit, TimeProvider clock, IOptions<DifficultyOptions> options)
{
    public const string Actor = "system:late-fees";

    /// <summary>Sends the notices due and charges the fees whose notice has run its days; joins the caller's unit of work.</summary>
    public async Task<(int Notices, int Charged)> RunAsync(CancellationToken ct) =>
        (await unitOfWork.RunAsync(async token => (Outcome<(int, int)>)await PassAsync(token), ct, "The late fees")).Value;

    private async Task<(int Notices, int Charged)> PassAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var charging = options.Value.Markets.Where(m => m.Value.LateFeeMinor > 0).Select(m => m.Key).ToList();
        if (charging.Count == 0)
        {
            return (0, 0);
        }

        // The plans first, their shoppers after: not every customer of the charging markets, nor their ids sent back.
        var plans = await db.Set<PaymentPlan>()
            .Where(p => p.HeldSince == null && p.Instalments.Any(i => i.Status == InstalmentStatus.Scheduled && i.DueDate < today)
                && db.Set<Customer>().Any(c => c.Id == p.CustomerId && charging.Contains(c.Market)))
            .ToListAsync(ct);
        var ids = plans.Select(p => p.CustomerId).Distinct().ToList();
        var customers = await db.Set<Customer>().AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Market, c.Name, c.Locale })
            .ToDictionaryAsync(c => c.Id, ct);
        var planIds = plans.Select(p => p.Id).ToList();
        var notices = (await db.Set<DifficultyNotice>().AsNoTracking()
            .Where(n => n.Kind == NoticeKind.LateFeeNotice && n.PlanId != null && planIds.Contains(n.PlanId.Value)).ToListAsync(ct))
            .ToLookup(n => n.PlanId!.Value);
        int sent = 0, charged = 0;
        foreach (var plan in plans)
        {
            var customer = customers[plan.CustomerId];
            var rules = options.Value.For(customer.Market);
            // The same instalments the fee would be charged on (MarkMissed), before their grace days are over.
            var overdue = plan.Overdue(today);
            if (overdue.Count == 0)
            {
                continue;
            }

            var latestDue = overdue[^1].DueDate;
            // A notice covers the instalments overdue when it was sent; one falling overdue later gets its own.
            var notice = notices[plan.Id].Where(n => DateOnly.FromDateTime(n.SentAt) > latestDue).MaxBy(n => n.SentAt);
            if (notice is null)
            {
                Notify(plan, customer.Id, customer.Name, ShopperLanguage.Of(customer.Locale), rules, overdue, FeeDay(latestDue, today, rules), now);
                sent++;
            }
            else if (today >= FeeDay(latestDue, DateOnly.FromDateTime(notice.SentAt), rules))
            {
                var fee = plan.MarkMissed(today, rules.LateFeeGraceDays, new Money(rules.LateFeeMinor, plan.Currency));
                if (!fee.IsZero)
                {
                    audit.Record(Actor, "plan.late-fee-charged", $"plan:{plan.Id}", $"{fee} after notice {notice.Id} of {notice.SentAt:yyyy-MM-dd}");
                    charged++;
                }
            }
        }

        return (sent, charged);
    }

    /// <summary>The first day a fee may be charged: after the grace days and at least the notice days after the notice.</summary>
    private static DateOnly FeeDay(DateOnly due, DateOnly noticeDay, MarketDifficultyRules rules)
    {
        var afterGrace = due.AddDays(rules.LateFeeGraceDays + 1);
        var afterNotice = noticeDay.AddDays(rules.NoticeDaysBeforeLateFee);
        return afterGrace > afterNotice ? afterGrace : afterNotice;
    }

    private void Notify(PaymentPlan plan, Guid customerId, string name, ShopperLanguage language, MarketDifficultyRules rules, IReadOnlyList<Instalment> overdue,
        DateOnly feeDay, DateTime now)
    {
        var owed = new Money(overdue.Sum(i => i.RemainingMinor), plan.Currency);
        var fee = new Money(rules.LateFeeMinor * overdue.Count, plan.Currency);
        var notice = new DifficultyNotice(Guid.CreateVersion7(now), customerId, NoticeKind.LateFeeNotice, LateFeeWords.Title(language, owed),
            LateFeeWords.Body(language, name, owed, overdue[0].DueDate, feeDay, fee, rules.NoticeText), now, planId: plan.Id);
        db.Add(notice);
        audit.Record(Actor, "plan.late-fee-notice", $"plan:{plan.Id}", $"{owed} overdue; fee {fee} from {feeDay:yyyy-MM-dd}; notice {notice.Id}");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Commerce.Contracts;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Mail;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Difficulty;

/// <summary>
/// Notice before a hand-over to collection, run daily with the watch and the late fees: a plan with a payment overdue
/// <see cref="MarketDifficultyRules.CollectionNoticeDaysOverdue"/> days gets a notice (in the shopper's pages and by
/// e-mail, in their language) with what is owed, the date of the hand-over and their options. Once the notice is
/// <see cref="MarketDifficultyRules.CollectionNoticeDays"/> old the plan is looked at again: paid, adjusted, paused by a
/// breathing space or a dispute since the notice means no hand-over, and the notice is closed saying why. Never a
/// hand-over without such a notice. Staff may withdraw a hand-over.
/// </summary>
public sealed class CollectionNotices(OmbudDb db, UnitOfWork unitOfWork, AuditLog audit, DomainEvents events, MailOutbox outbox, PlanAdjustments adjustments,
    TimeProvider clock, IOptions<DifficultyOptions> options, IOptions<MailOptions> mail)
{
    public const string Actor = "system:collection";
    public const string MailKind = "collection.notice";
    private const int MaxReason = 500;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Sends the notices due and hands over the plans whose notice has run its days; joins the caller's unit of work.</summary>
    public Task<(int Notices, int HandedOver)> RunAsync(CancellationToken ct) => RunAsync(_ => true, ct);

    /// <summary>A pass over the plans of the customers <paramref name="only"/> lets through (the demo world plants each stage this way).</summary>
    internal async Task<(int Notices, int HandedOver)> RunAsync(Func<Guid, bool> only, CancellationToken ct) =>
        (await unitOfWork.RunAsync(async token => (Outcome<(int, int)>)await PassAsync(only, token), ct, "The collection notices")).Value;

    /// <summary>Staff take a plan back from collection (the shopper paid, or it was a mistake), saying why.</summary>
    public Task<Outcome<CollectionView>> WithdrawAsync(Guid planId, string? reason, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReason)
        {
            return Task.FromResult<Outcome<CollectionView>>(Invalid.Field("reason", $"Say why the hand-over is withdrawn, in at most {MaxReason} characters."));
        }

        return unitOfWork.RunAsync<CollectionView>(async token =>
        {
            var plan = await db.Set<PaymentPlan>().SingleOrDefaultAsync(p => p.Id == planId, token);
            if (plan is null)
            {
                return new NotFound("plan", planId.ToString());
            }

            var withdrawn = plan.WithdrawFromCollection(Now);
            if (!withdrawn.Succeeded)
            {
                return withdrawn.Error!;
            }

            audit.Record(actor, "plan.collection-withdrawn", Subject(plan.Id), $"{reason.Trim()}; still owed {withdrawn.Value}");
            events.Publish(PlanCollectionWithdrawn.Type, new PlanCollectionWithdrawn(plan.Id, plan.OrderId, plan.CustomerId, plan.Outstanding.Minor, plan.Currency, Now),
                PlanCollectionWithdrawn.Version);
            return CollectionView.Of(plan);
        }, ct, "The withdrawal");
    }

    private async Task<(int Notices, int HandedOver)> PassAsync(Func<Guid, bool> only, CancellationToken ct)
    {
        var now = Now;
        var today = DateOnly.FromDateTime(now);
        var markets = options.Value.Markets.Where(m => m.Value.HandsOverToCollection).Select(m => m.Key).ToList();
        if (markets.Count == 0)
        {
            return (0, 0);
        }

        var pending = await db.Set<DifficultyNotice>().Where(n => n.Kind == NoticeKind.CollectionNotice && n.ClosedAt == null && n.PlanId != null).ToListAsync(ct);
        var pendingPlans = pending.Select(n => n.PlanId!.Value).ToList();
        // Plans with something unpaid past its due date, or with a notice still running (they may have been paid since).
        var plans = await db.Set<PaymentPlan>()
            .Where(p => p.HandedToCollectionAt == null
                && (pendingPlans.Contains(p.Id) || p.Instalments.Any(i => (i.Status == InstalmentStatus.Scheduled || i.Status == InstalmentStatus.Missed) && i.DueDate < today))
                && db.Set<Customer>().Any(c => c.Id == p.CustomerId && markets.Contains(c.Market)))
            .ToListAsync(ct);
        plans = [.. plans.Where(p => only(p.CustomerId))];
        var ids = plans.Select(p => p.CustomerId).Distinct().ToList();
        var customers = await db.Set<Customer>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var running = pending.ToDictionary(n => n.PlanId!.Value);
        int sent = 0, handedOver = 0;
        foreach (var plan in plans)
        {
            var customer = customers[plan.CustomerId];
            var rules = options.Value.For(customer.Market);
            if (running.GetValueOrDefault(plan.Id) is { } notice)
            {
                if (today >= HandOverDay(notice, rules))
                {
                    handedOver += await ActAsync(plan, notice, rules, today, now, ct) ? 1 : 0;
                }
            }
            else if (plan.HeldSince is null && plan.OverdueForCollection(today, rules.CollectionNoticeDaysOverdue) is { Count: > 0 } overdue)
            {
                await NotifyAsync(plan, customer, rules, overdue, today, now, ct);
                sent++;
            }
        }

        return (sent, handedOver);
    }

    private static DateOnly HandOverDay(DifficultyNotice notice, MarketDifficultyRules rules) => DateOnly.FromDateTime(notice.SentAt).AddDays(rules.CollectionNoticeDays);

    /// <summary>The notice has run its days: the plan is looked at as it is now, and handed over only if nothing has changed for the shopper since.</summary>
    private async Task<bool> ActAsync(PaymentPlan plan, DifficultyNotice notice, MarketDifficultyRules rules, DateOnly today, DateTime now, CancellationToken ct)
    {
        if (await WhyNotAsync(plan, notice, rules, today, ct) is { } why)
        {
            notice.Close($"not handed over: {why}", now);
            audit.Record(Actor, "plan.collection-not-handed-over", Subject(plan.Id), $"{why}; notice {notice.Id} of {notice.SentAt:yyyy-MM-dd}");
            return false;
        }

        var owed = plan.HandToCollection(now).Value!;
        notice.Close("handed over to collection", now);
        audit.Record(Actor, "plan.handed-to-collection", Subject(plan.Id), $"{owed} owed; after notice {notice.Id} of {notice.SentAt:yyyy-MM-dd}");
        events.Publish(PlanHandedToCollection.Type, new PlanHandedToCollection(plan.Id, plan.OrderId, plan.CustomerId, notice.Id, owed.Minor, owed.Currency, now),
            PlanHandedToCollection.Version);
        return true;
    }

    /// <summary>Why the plan must not be handed over now, in words for the audit; null when nothing stands in the way.</summary>
    private async Task<string?> WhyNotAsync(PaymentPlan plan, DifficultyNotice notice, MarketDifficultyRules rules, DateOnly today, CancellationToken ct)
    {
        if (plan.IsSettled)
        {
            return "the plan is paid";
        }

        if (plan.HeldSince is { } held)
        {
            return $"a dispute pauses the payment since {held:yyyy-MM-dd}";
        }

        if (plan.InBreathingSpace(today))
        {
            return $"in a breathing space until {plan.BreathingSpaceUntil:yyyy-MM-dd}";
        }

        if (plan.CollectionWithdrawnAt >= notice.SentAt)
        {
            return $"staff withdrew a hand-over on {plan.CollectionWithdrawnAt:yyyy-MM-dd}";
        }

        var since = notice.SentAt;
        var adjusted = await db.Set<PlanAdjustment>().AsNoTracking()
            .Where(a => a.PlanId == plan.Id && a.Status == AdjustmentStatus.Applied && (a.DecidedAt ?? a.RequestedAt) >= since)
            .OrderBy(a => a.RequestedAt).FirstOrDefaultAsync(ct);
        if (adjusted is not null)
        {
            return $"the plan was adjusted after the notice ({Adjusted(adjusted.Kind)} on {adjusted.DecidedAt ?? adjusted.RequestedAt:yyyy-MM-dd})";
        }

        var paid = await db.Set<Payment>().AsNoTracking().Where(p => p.OrderId == plan.OrderId && p.ReceivedAt >= since).OrderBy(p => p.ReceivedAt).FirstOrDefaultAsync(ct);
        if (paid is not null)
        {
            return $"the shopper paid {paid.Amount} on {paid.ReceivedAt:yyyy-MM-dd} after the notice";
        }

        return plan.OverdueForCollection(today, rules.CollectionNoticeDaysOverdue).Count == 0 ? "nothing is overdue long enough any more" : null;
    }

    private static string Adjusted(AdjustmentKind kind) => kind switch
    {
        AdjustmentKind.ExtendDueDate => "due date extended",
        AdjustmentKind.Replan => "re-planned",
        AdjustmentKind.BreathingSpace => "breathing space",
        AdjustmentKind.WaiveLateFees => "late fees waived",
        AdjustmentKind.WriteOff => "written off in part",
        _ => kind.ToString(),
    };

    private async Task NotifyAsync(PaymentPlan plan, Customer customer, MarketDifficultyRules rules, IReadOnlyList<Instalment> overdue, DateOnly today, DateTime now,
        CancellationToken ct)
    {
        var language = ShopperLanguage.Of(customer.Locale);
        var owed = new Money(overdue.Sum(i => i.RemainingMinor), plan.Currency);
        var handOver = today.AddDays(rules.CollectionNoticeDays);
        var offered = await adjustments.OptionsAsync(customer.Id, plan.Id, ct);
        var facts = new CollectionNoticeFacts(customer.Name, owed, overdue[0].DueDate, handOver,
            offered.Succeeded ? [.. offered.Value!.SelfService.Select(o => o.Kind)] : [],
            offered.Succeeded ? offered.Value!.DebtAdvice : [], rules.CollectionNoticeText ?? rules.NoticeText);
        var notice = new DifficultyNotice(Guid.CreateVersion7(now), customer.Id, NoticeKind.CollectionNotice, CollectionWords.Title(language, owed),
            CollectionWords.Body(language, facts), now, planId: plan.Id);
        db.Add(notice);
        audit.Record(Actor, "plan.collection-notice", Subject(plan.Id), $"{owed} overdue since {overdue[0].DueDate:yyyy-MM-dd}; hand-over from {handOver:yyyy-MM-dd}; notice {notice.Id}");
        await outbox.QueueAsync(new MailDraft(customer.Email, notice.Title, CollectionWords.Mail(language, notice.Body, mail.Value.Link("/") ?? "Ombud"), MailKind,
            $"collection-notice:{notice.Id}"), ct);
    }

    private static string Subject(Guid planId) => $"plan:{planId}";
}

/// <summary>A plan's collection state as staff see it.</summary>
public sealed record CollectionView(Guid PlanId, Guid OrderId, bool InCollection, DateTime? HandedToCollectionAt, DateTime? CollectionWithdrawnAt, Money Outstanding)
{
    public static CollectionView Of(PaymentPlan plan) =>
        new(plan.Id, plan.OrderId, plan.InCollection, plan.HandedToCollectionAt, plan.CollectionWithdrawnAt, plan.Outstanding);
}

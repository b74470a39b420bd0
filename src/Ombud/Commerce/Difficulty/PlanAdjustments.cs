using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Commerce.Contracts;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Difficulty;

/// <summary>
/// The use cases of payment difficulty: the options a shopper has on a plan, taking one with a yes, staff's
/// adjustments and the second person's approval of a large write-off. Each change runs in one unit of work with its
/// adjustment row, its audit entry and a <see cref="PlanAdjusted"/> event; a refusal saves nothing.
/// </summary>
public sealed class PlanAdjustments(OmbudDb db, UnitOfWork unitOfWork, AuditLog audit, DomainEvents events, TimeProvider clock,
    IOptions<DifficultyOptions> options)
{
    private const int MaxNote = 1000;

    /// <summary>The options on a plan of <paramref name="customerId"/>; a plan of anyone else is not found.</summary>
    public async Task<Outcome<PlanOptions>> OptionsAsync(Guid customerId, Guid planId, CancellationToken ct)
    {
        var plan = await db.Set<PaymentPlan>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId && p.CustomerId == customerId, ct);
        if (plan is null)
        {
            return new NotFound("plan", planId.ToString());
        }

        var market = await MarketAsync(customerId, ct);
        var rules = options.Value.For(market);
        var offers = await PolicyAsync(plan, rules, ct);
        return new PlanOptions(plan.Id, plan.OrderId, market, plan.Outstanding, plan.BreathingSpaceUntil, offers.Offers(), DebtAdviceIn(rules));
    }

    /// <summary>The customer's plan whose next payment falls due first, of those not paid off; null when none is open.</summary>
    public async Task<Guid?> NextPlanDueAsync(Guid customerId, CancellationToken ct) =>
        (await db.Set<PaymentPlan>().AsNoTracking().Where(p => p.CustomerId == customerId).ToListAsync(ct))
            .Where(p => p.NextDue is not null).OrderBy(p => p.NextDue!.DueDate).Select(p => (Guid?)p.Id).FirstOrDefault();

    /// <summary>Free debt advice in the customer's market.</summary>
    public async Task<IReadOnlyList<DebtAdvice>> DebtAdviceAsync(Guid customerId, CancellationToken ct) =>
        DebtAdviceIn(options.Value.For(await MarketAsync(customerId, ct)));

    /// <summary>The shopper takes one of their options: only one they may take themselves, and only at the cost they were shown.</summary>
    public Task<Outcome<AdjustmentRecord>> TakeAsync(Guid customerId, Guid planId, AdjustmentKind kind, long? acceptedCostMinor, string actor, CancellationToken ct) =>
        unitOfWork.RunAsync(async token =>
        {
            if (acceptedCostMinor is null or < 0)
            {
                return Invalid.Field("acceptedCost", "Say yes to the cost shown: send the cost you accepted, in minor units (0 when it is free).");
            }

            var plan = await db.Set<PaymentPlan>().SingleOrDefaultAsync(p => p.Id == planId && p.CustomerId == customerId, token);
            if (plan is null)
            {
                return new NotFound("plan", planId.ToString());
            }

            var rules = options.Value.For(await MarketAsync(customerId, token));
            var offer = (await PolicyAsync(plan, rules, token)).Offers().FirstOrDefault(o => o.Kind == kind);
            if (offer is null || offer.Standing == OfferStanding.NotPossible)
            {
                return new Conflict(offer?.Why ?? "That is not one of the options on this plan now.");
            }

            if (offer.Standing == OfferStanding.NeedsPerson)
            {
                return new Conflict($"You cannot take this yourself {offer.Why}. A person can help: ask for one in the chat.");
            }

            if (offer.Cost.Minor != acceptedCostMinor)
            {
                return new Conflict($"This costs {offer.Cost} now, not what you accepted; look at the options again.");
            }

            return Record(Apply(plan, kind, offer.Terms, rules, byStaff: false, actor, note: null));
        }, ct, "The plan");

    /// <summary>
    /// Staff adjust a plan. Staff extensions cost the shopper nothing: they are forbearance, not a service sold. A
    /// write-off above the market's limit is only asked for: it waits for a second person's approval.
    /// </summary>
    public Task<Outcome<AdjustmentRecord>> AdjustAsync(Guid planId, AdjustmentKind kind, AdjustmentTerms terms, string? note, string actor, CancellationToken ct) =>
        unitOfWork.RunAsync(async token =>
        {
            if (note is { Length: > MaxNote })
            {
                return Invalid.Field("note", $"At most {MaxNote} characters.");
            }

            var plan = await db.Set<PaymentPlan>().SingleOrDefaultAsync(p => p.Id == planId, token);
            if (plan is null)
            {
                return new NotFound("plan", planId.ToString());
            }

            var rules = options.Value.For(await MarketAsync(plan.CustomerId, token));
            if (StaffTerms(kind, terms, note, rules) is { } invalid)
            {
                return invalid;
            }

            if (kind == AdjustmentKind.WriteOff && terms.AmountMinor > rules.WriteOffApprovalLimitMinor)
            {
                if (plan.WriteOffRefusal(new Money(terms.AmountMinor!.Value, plan.Currency)) is { } refused)
                {
                    return refused;
                }

                var asked = PlanAdjustment.AwaitingApproval(Guid.CreateVersion7(Now), plan, terms, actor, note!.Trim(), Now);
                db.Add(asked);
                audit.Record(actor, "plan.write-off-requested", Subject(plan), $"{new Money(terms.AmountMinor.Value, plan.Currency)} above the limit of {new Money(rules.WriteOffApprovalLimitMinor, plan.Currency)}");
                return ToRecord(asked);
            }

            return Record(Apply(plan, kind, terms, rules, byStaff: true, actor, note?.Trim()));
        }, ct, "The plan");

    /// <summary>A second member of staff approves a write-off waiting for approval: it is applied now, on the plan as it is now.</summary>
    public Task<Outcome<AdjustmentRecord>> ApproveAsync(Guid adjustmentId, string actor, CancellationToken ct) =>
        DecideAsync(adjustmentId, actor, (asked, plan) =>
        {
            var change = plan.WriteOff(new Money(asked.AmountMinor!.Value, plan.Currency));
            if (!change.Succeeded)
            {
                return change.Error!;
            }

            asked.Record(change.Value!, actor, Now);
            Announce(plan, asked, actor, "plan.write-off-approved");
            return ToRecord(asked);
        }, ct);

    public Task<Outcome<AdjustmentRecord>> RejectAsync(Guid adjustmentId, string actor, CancellationToken ct) =>
        DecideAsync(adjustmentId, actor, (asked, plan) =>
        {
            asked.Reject(actor, Now);
            audit.Record(actor, "plan.write-off-rejected", Subject(plan), asked.Id.ToString());
            return ToRecord(asked);
        }, ct);

    /// <summary>A customer's adjustments, newest first: what they took, what staff did, what waits for approval.</summary>
    public async Task<IReadOnlyList<AdjustmentRecord>> HistoryAsync(Guid customerId, CancellationToken ct) =>
        [.. (await db.Set<PlanAdjustment>().AsNoTracking().Where(a => a.CustomerId == customerId).ToListAsync(ct))
            .OrderByDescending(a => a.RequestedAt).Select(ToRecord)];

    /// <summary>One of the customer's own plans' adjustments, newest first; someone else's plan is not found.</summary>
    public async Task<Outcome<List<AdjustmentRecord>>> CustomerPlanHistoryAsync(Guid customerId, Guid planId, CancellationToken ct)
    {
        if (!await db.Set<PaymentPlan>().AsNoTracking().AnyAsync(p => p.Id == planId && p.CustomerId == customerId, ct))
        {
            return new NotFound("payment plan", planId.ToString());
        }

        return new List<AdjustmentRecord>(await PlanHistoryAsync(planId, ct));
    }

    /// <summary>One plan's adjustments, newest first.</summary>
    public async Task<IReadOnlyList<AdjustmentRecord>> PlanHistoryAsync(Guid planId, CancellationToken ct) =>
        [.. (await db.Set<PlanAdjustment>().AsNoTracking().Where(a => a.PlanId == planId).ToListAsync(ct))
            .OrderByDescending(a => a.RequestedAt).Select(ToRecord)];

    /// <summary>Write-offs waiting for a second person, oldest first.</summary>
    public async Task<IReadOnlyList<AdjustmentRecord>> AwaitingApprovalAsync(CancellationToken ct) =>
        [.. (await db.Set<PlanAdjustment>().AsNoTracking().Where(a => a.Status == AdjustmentStatus.AwaitingApproval).ToListAsync(ct))
            .OrderBy(a => a.RequestedAt).Select(ToRecord)];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    private Outcome<PlanAdjustment> Apply(PaymentPlan plan, AdjustmentKind kind, AdjustmentTerms terms, MarketDifficultyRules rules,
        bool byStaff, string actor, string? note)
    {
        var change = Change(plan, kind, terms, rules, byStaff ? 0 : rules.ExtensionFee);
        if (!change.Succeeded)
        {
            return change.Error!;
        }

        var adjustment = PlanAdjustment.Applied(Guid.CreateVersion7(Now), plan, kind, terms, change.Value!, actor, byStaff, note, Now);
        db.Add(adjustment);
        Announce(plan, adjustment, actor, "plan.adjusted");
        return adjustment;
    }

    private Outcome<PlanChange> Change(PaymentPlan plan, AdjustmentKind kind, AdjustmentTerms terms, MarketDifficultyRules rules, long feeMinor) => kind switch
    {
        AdjustmentKind.ExtendDueDate => plan.ExtendDueDate(Today, terms.Days ?? rules.ExtensionDays, rules.MaxExtensionsPerPlan, new Money(feeMinor, plan.Currency)),
        AdjustmentKind.Replan => plan.Replan(Today, terms.Instalments ?? 0, rules.MaxReplanInstalments),
        AdjustmentKind.BreathingSpace => plan.GrantBreathingSpace(Today, terms.Days ?? rules.BreathingSpaceDays),
        AdjustmentKind.WaiveLateFees => plan.WaiveLateFees(),
        AdjustmentKind.WriteOff => plan.WriteOff(new Money(terms.AmountMinor ?? 0, plan.Currency)),
        _ => Invalid.Field("kind", $"Unknown adjustment {kind}."),
    };

    /// <summary>The policy for a plan; each offer is tried on an untracked copy of the plan, so trying changes nothing.</summary>
    private async Task<DifficultyPolicy> PolicyAsync(PaymentPlan plan, MarketDifficultyRules rules, CancellationToken ct)
    {
        var history = await db.Set<PlanAdjustment>().AsNoTracking().Where(a => a.CustomerId == plan.CustomerId).ToListAsync(ct);
        var instalments = (await db.Set<PaymentPlan>().AsNoTracking().Where(p => p.CustomerId == plan.CustomerId).ToListAsync(ct))
            .SelectMany(p => p.Instalments).ToList();
        var record = new PayingRecord(
            [.. instalments.Where(i => i.PaidOn is not null).OrderByDescending(i => i.PaidOn).ThenByDescending(i => i.DueDate).Select(i => i.Status)],
            instalments.Any(i => i.Status == InstalmentStatus.Missed));
        var copies = new Dictionary<AdjustmentKind, PaymentPlan>();
        foreach (var kind in Enum.GetValues<AdjustmentKind>())
        {
            copies[kind] = await db.Set<PaymentPlan>().AsNoTracking().SingleAsync(p => p.Id == plan.Id, ct);
        }

        return new DifficultyPolicy(rules, plan, history, record, (kind, terms) => Change(copies[kind], kind, terms, rules, rules.ExtensionFee));
    }

    private async Task<Outcome<AdjustmentRecord>> DecideAsync(Guid adjustmentId, string actor,
        Func<PlanAdjustment, PaymentPlan, Outcome<AdjustmentRecord>> decide, CancellationToken ct) =>
        await unitOfWork.RunAsync(async token =>
        {
            var asked = await db.Set<PlanAdjustment>().SingleOrDefaultAsync(a => a.Id == adjustmentId, token);
            if (asked is null)
            {
                return new NotFound("adjustment", adjustmentId.ToString());
            }

            if (asked.RefusalToDecide(actor) is { } refused)
            {
                return refused;
            }

            var plan = await db.Set<PaymentPlan>().SingleAsync(p => p.Id == asked.PlanId, token);
            return decide(asked, plan);
        }, ct, "The adjustment");

    private void Announce(PaymentPlan plan, PlanAdjustment adjustment, string actor, string action)
    {
        audit.Record(actor, action, Subject(plan), $"{adjustment.Kind}: fee {adjustment.Fee}, relief {adjustment.Relief}");
        events.Publish(PlanAdjusted.Type, new PlanAdjusted(adjustment.Id, plan.Id, plan.OrderId, plan.CustomerId,
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(adjustment.Kind.ToString()), adjustment.FeeMinor, adjustment.ReliefMinor,
            plan.Currency, adjustment.ByStaff, Now), PlanAdjusted.Version);
    }

    private static Invalid? StaffTerms(AdjustmentKind kind, AdjustmentTerms terms, string? note, MarketDifficultyRules rules) => kind switch
    {
        AdjustmentKind.ExtendDueDate when terms.Days is < 1 or > 90 => Invalid.Field("days", "An extension is 1 to 90 days."),
        AdjustmentKind.BreathingSpace when terms.Days is null or < 1 || terms.Days > rules.MaxBreathingSpaceDays =>
            Invalid.Field("days", $"A breathing space is 1 to {rules.MaxBreathingSpaceDays} days in this market."),
        AdjustmentKind.Replan when terms.Instalments is null => Invalid.Field("instalments", "Say over how many instalments to spread what is left."),
        AdjustmentKind.WriteOff when terms.AmountMinor is null => Invalid.Field("amount", "Say how much to write off, in minor units."),
        AdjustmentKind.WriteOff when string.IsNullOrWhiteSpace(note) => Invalid.Field("note", "Say why it is written off."),
        _ => null,
    };

    private static Outcome<AdjustmentRecord> Record(Outcome<PlanAdjustment> applied) =>
        applied.Succeeded ? ToRecord(applied.Value!) : applied.Error!;

    private IReadOnlyList<DebtAdvice> DebtAdviceIn(MarketDifficultyRules rules) =>
        [.. rules.DebtAdvice.Select(s => new DebtAdvice(s.Name, s.Url, s.Phone, s.About))];

    private Task<string> MarketAsync(Guid customerId, CancellationToken ct) =>
        db.Set<Customer>().AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Market).SingleAsync(ct);

    private static string Subject(PaymentPlan plan) => $"plan:{plan.Id}";

    internal static AdjustmentRecord ToRecord(PlanAdjustment a) => new(a.Id, a.PlanId, a.OrderId, a.Kind, a.Status, a.Fee, a.Relief, a.AmountMinor,
        a.Summary, a.Note, a.ByStaff, a.RequestedBy, a.RequestedAt, a.DecidedBy, a.DecidedAt);
}

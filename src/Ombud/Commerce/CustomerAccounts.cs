using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Commerce;

/// <summary>Where customers stand: balances per currency, derived from their plans, payments and refunds.</summary>
public sealed class CustomerAccounts(OmbudDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CustomerBalance>> BalancesAsync(Guid customerId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var plans = await PlansAsync(db, customerId, ct);
        var overpaid = await OverpaidAsync(db, customerId, ct);
        var returned = await db.Set<Refund>().Where(r => r.CustomerId == customerId && r.ReturnedToCustomerMinor > 0)
            .GroupBy(r => r.Currency).Select(g => new CurrencyAmount(g.Key, g.Sum(r => r.ReturnedToCustomerMinor))).ToListAsync(ct);
        return Balances(plans, [.. overpaid, .. returned], today);
    }

    /// <summary>Every plan of the customer with its instalments' stored amounts: one statement.</summary>
    internal static Task<List<PlanRow>> PlansAsync(OmbudDb db, Guid customerId, CancellationToken ct) =>
        PlanRows(db.Set<PaymentPlan>().Where(p => p.CustomerId == customerId)).ToListAsync(ct);

    /// <summary>The plans by their columns, each with its instalments (one collection, so one statement without multiplied rows).</summary>
    internal static IQueryable<PlanRow> PlanRows(IQueryable<PaymentPlan> plans) =>
        plans.AsNoTracking().Select(p => new PlanRow(p.OrderId, p.Currency,
            p.Instalments.Select(i => new InstalmentRow(i.Sequence, i.DueDate, i.Status, i.AmountMinor, i.LateFeeMinor, i.FeeMinor,
                i.WaivedMinor, i.PaidMinor, i.HeldMinor)).ToList()));

    /// <summary>What the customer paid over, per currency: money the provider owes them back.</summary>
    internal static Task<List<CurrencyAmount>> OverpaidAsync(OmbudDb db, Guid customerId, CancellationToken ct) =>
        db.Set<Payment>().Where(p => p.CustomerId == customerId && p.OverpaidMinor > 0)
            .GroupBy(p => p.Currency).Select(g => new CurrencyAmount(g.Key, g.Sum(p => p.OverpaidMinor))).ToListAsync(ct);

    /// <summary>
    /// The balances per currency, in currency order: what the plans still owe, what of it fell due before
    /// <paramref name="today"/> and is not held, and the <paramref name="credits"/> (overpaid and refunds returned).
    /// </summary>
    internal static IReadOnlyList<CustomerBalance> Balances(IReadOnlyList<PlanRow> plans, IReadOnlyList<CurrencyAmount> credits, DateOnly today)
    {
        var currencies = plans.Select(p => p.Currency).Concat(credits.Select(c => c.Currency))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return
        [
            .. currencies.Select(currency =>
            {
                var inCurrency = plans.Where(p => p.Currency == currency).SelectMany(p => p.Instalments).ToList();
                return new CustomerBalance(
                    new Money(inCurrency.Sum(i => i.RemainingMinor), currency),
                    // A held instalment is owed but not overdue: its collection is paused by a dispute.
                    new Money(inCurrency.Where(i => i.DueDate < today).Sum(i => i.CollectibleMinor), currency),
                    new Money(credits.Where(c => c.Currency == currency).Sum(c => c.Minor), currency));
            }),
        ];
    }
}

/// <summary>An amount in one currency as a query sums it, before it is <see cref="Money"/>.</summary>
internal sealed record CurrencyAmount(string Currency, long Minor);

/// <summary>A payment plan as the balances and the orders' summaries read it: its order, currency and instalments.</summary>
internal sealed record PlanRow(Guid OrderId, string Currency, List<InstalmentRow> Instalments);

/// <summary>An instalment's stored amounts; what remains and what can be collected are worked out as <see cref="Instalment"/> does.</summary>
internal sealed record InstalmentRow(int Sequence, DateOnly DueDate, InstalmentStatus Status, long AmountMinor, long LateFeeMinor, long FeeMinor,
    long WaivedMinor, long PaidMinor, long HeldMinor)
{
    public long RemainingMinor => Instalment.RemainingOf(AmountMinor, LateFeeMinor, FeeMinor, WaivedMinor, PaidMinor);

    public long CollectibleMinor => RemainingMinor - HeldMinor;

    public InstalmentSummary Summarise(string currency) =>
        new(Sequence, DueDate, Status, new Money(RemainingMinor, currency), new Money(CollectibleMinor, currency), new Money(HeldMinor, currency));
}

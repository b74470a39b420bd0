using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Commerce;

/// <summary>Where customers stand: balances per currency, derived from their plans, payments and refunds.</summary>
public sealed class CustomerAccounts(OmbudDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CustomerBalance>> BalancesAsync(Guid customerId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var plans = await db.Set<PaymentPlan>().AsNoTracking().Where(p => p.CustomerId == customerId).ToListAsync(ct);
        var overpaid = await db.Set<Payment>().Where(p => p.CustomerId == customerId && p.OverpaidMinor > 0)
            .GroupBy(p => p.Currency).Select(g => new { Currency = g.Key, Minor = g.Sum(p => p.OverpaidMinor) }).ToListAsync(ct);
        var returned = await db.Set<Refund>().Where(r => r.CustomerId == customerId && r.ReturnedToCustomerMinor > 0)
            .GroupBy(r => r.Currency).Select(g => new { Currency = g.Key, Minor = g.Sum(r => r.ReturnedToCustomerMinor) }).ToListAsync(ct);

        var currencies = plans.Select(p => p.Currency).Concat(overpaid.Select(o => o.Currency)).Concat(returned.Select(r => r.Currency))
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
                    new Money(checked(overpaid.Where(o => o.Currency == currency).Sum(o => o.Minor) + returned.Where(r => r.Currency == currency).Sum(r => r.Minor)), currency));
            }),
        ];
    }
}

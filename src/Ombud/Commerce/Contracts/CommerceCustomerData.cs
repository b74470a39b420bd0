using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Contracts;

/// <summary>
/// Commerce's part of a customer's data rights: the customer record, orders with lines, plans and instalments,
/// payments and refunds. Erasure keeps every amount and date (a lender's records, <see cref="PrivacyOptions.KeepFinancialYears"/>)
/// and forgets who the customer is.
/// </summary>
internal sealed class CommerceCustomerData(OmbudDb db, CustomerAccounts accounts) : ICustomerDataHolder
{
    public string Module => "commerce";

    public async Task<CustomerDataPart> ExportAsync(Guid customerId, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
        {
            return CustomerDataPart.Empty;
        }

        var orders = await db.Set<Order>().AsNoTracking().AsSplitQuery().Include(o => o.Plan).Where(o => o.CustomerId == customerId)
            .OrderBy(o => o.PlacedAt).ToListAsync(ct);
        var payments = await db.Set<Payment>().AsNoTracking().Where(p => p.CustomerId == customerId).OrderBy(p => p.ReceivedAt).ToListAsync(ct);
        var refunds = await db.Set<Refund>().AsNoTracking().Where(r => r.CustomerId == customerId).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var sections = new Dictionary<string, object>
        {
            ["customer"] = customer,
            ["balances"] = await accounts.BalancesAsync(customerId, ct),
            ["orders"] = orders,
            ["payments"] = payments,
            ["refunds"] = refunds,
            ["planAdjustments"] = await db.Set<PlanAdjustment>().AsNoTracking().Where(a => a.CustomerId == customerId).OrderBy(a => a.RequestedAt).ToListAsync(ct),
            ["difficultyCases"] = await db.Set<DifficultyCase>().AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.OpenedAt).ToListAsync(ct),
            ["paymentNotices"] = await db.Set<DifficultyNotice>().AsNoTracking().Where(n => n.CustomerId == customerId).OrderBy(n => n.SentAt).ToListAsync(ct),
            ["difficultyDisclosures"] = await db.Set<DifficultyDisclosure>().AsNoTracking().Where(d => d.CustomerId == customerId).OrderBy(d => d.DisclosedAt).ToListAsync(ct),
        };
        return new CustomerDataPart(sections, new Dictionary<string, byte[]>(),
            [$"customer:{customerId}", .. orders.Select(o => $"order:{o.Id}"), .. payments.Select(p => $"payment:{p.Id}"), .. refunds.Select(r => $"refund:{r.Id}")]);
    }

    public async Task<string?> ErasureBlockerAsync(Guid customerId, CancellationToken ct)
    {
        foreach (var balance in await accounts.BalancesAsync(customerId, ct))
        {
            if (balance.Outstanding.Minor > 0)
            {
                return $"the customer still owes {balance.Outstanding} on their plans; a lender must be able to collect and report a debt, so erasure waits until it is paid or written off";
            }

            if (balance.Credit.Minor > 0)
            {
                return $"the provider still owes the customer {balance.Credit}; pay it back before erasing, or the customer cannot be reached to receive it";
            }
        }

        return null;
    }

    public async Task<ErasedRecords> EraseAsync(CustomerErasureScope scope, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().SingleOrDefaultAsync(c => c.Id == scope.CustomerId, ct);
        if (customer is null)
        {
            return ErasedRecords.None;
        }

        customer.Pseudonymise(scope.Pseudonym, scope.Email);
        var orders = await db.Set<Order>().Where(o => o.CustomerId == scope.CustomerId).ToListAsync(ct);
        foreach (var order in orders)
        {
            order.Pseudonymise(scope.Email, CustomerErasureScope.Removed);
        }

        var refunds = await db.Set<Refund>().Where(r => r.CustomerId == scope.CustomerId).ToListAsync(ct);
        foreach (var refund in refunds)
        {
            refund.Pseudonymise(CustomerErasureScope.Removed);
        }

        // The messages we sent (they greet the shopper by name) and what they told us go; the cases and adjustments stay as records without a name.
        var notices = await db.Set<DifficultyNotice>().Where(n => n.CustomerId == scope.CustomerId).ToListAsync(ct);
        var disclosures = await db.Set<DifficultyDisclosure>().Where(d => d.CustomerId == scope.CustomerId).ToListAsync(ct);
        db.RemoveRange(notices);
        db.RemoveRange(disclosures);

        return new ErasedRecords(1 + orders.Count + refunds.Count + notices.Count + disclosures.Count,
            [$"customer:{scope.CustomerId}", .. orders.Select(o => $"order:{o.Id}"), .. refunds.Select(r => $"refund:{r.Id}")]);
    }
}

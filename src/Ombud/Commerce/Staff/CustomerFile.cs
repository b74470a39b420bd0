using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Platform;
using Ombud.Platform.StaffDesk;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Staff;

/// <summary>
/// Commerce's share of the staff desk's customer view: who the customer is, where they stand, their orders with plans
/// and refunds, and their payments. Read-only; the page and the API (<see cref="ICustomerViewPart"/>) show the same.
/// </summary>
public sealed class CustomerFile(OmbudDb db, CustomerAccounts accounts, CustomerOrders orders) : ICustomerViewPart
{
    /// <summary>Every order a staff member is shown at once; a customer with more is rare and the newest matter most.</summary>
    public const int OrderLimit = 200;

    public async Task<CustomerFolder?> ReadFolderAsync(Guid customerId, CancellationToken ct)
    {
        var profile = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new StaffCustomerProfile(c.Id, c.ExternalId, c.Name, c.Email, c.Phone, c.Locale, c.Market, c.KycLevel, c.AccountCreatedAt))
            .SingleOrDefaultAsync(ct);
        if (profile is null)
        {
            return null;
        }

        var payments = await db.Set<Payment>().AsNoTracking().Where(p => p.CustomerId == customerId)
            .Join(db.Set<Order>(), p => p.OrderId, o => o.Id, (p, o) => new { p, o.ExternalId })
            .ToListAsync(ct);
        return new CustomerFolder(
            profile,
            await accounts.BalancesAsync(customerId, ct),
            await orders.LatestAsync(customerId, OrderLimit, ct),
            [.. payments.OrderByDescending(x => x.p.ReceivedAt).Select(x => new PaymentSummary(x.p.Id, x.p.OrderId, x.ExternalId ?? x.p.OrderId.ToString()[..8],
                x.p.Amount, x.p.Method, x.p.ReceivedAt, new Money(x.p.OverpaidMinor, x.p.Currency)))]);
    }

    public async Task<IReadOnlyDictionary<string, object>?> ReadAsync(Guid customerId, CancellationToken ct) =>
        await ReadFolderAsync(customerId, ct) is not { } folder
            ? null
            : new Dictionary<string, object>
            {
                ["customer"] = folder.Profile,
                ["balances"] = folder.Balances,
                ["orders"] = folder.Orders,
                ["payments"] = folder.Payments,
            };
}

/// <summary>What Commerce shows staff about a customer.</summary>
public sealed record CustomerFolder(
    StaffCustomerProfile Profile,
    IReadOnlyList<CustomerBalance> Balances,
    IReadOnlyList<OrderSummary> Orders,
    IReadOnlyList<PaymentSummary> Payments);

/// <summary>The customer as staff need to recognise them on the phone: contact details included.</summary>
public sealed record StaffCustomerProfile(
    Guid Id, string? ExternalId, string Name, string Email, string? Phone, string Locale, string Market, KycLevel KycLevel, DateTime AccountCreatedAt);

/// <summary>One payment received, with the order it paid towards and what of it was more than owed.</summary>
public sealed record PaymentSummary(Guid Id, Guid OrderId, string OrderReference, Money Amount, PaymentMethod Method, DateTime ReceivedAt, Money Overpaid);

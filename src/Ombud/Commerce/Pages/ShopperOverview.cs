using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Pages;

/// <summary>What a shopper sees of their own account: orders, plans with instalments, and their balance per currency.</summary>
internal sealed class ShopperOverview(OmbudDb db, CustomerAccounts accounts)
{
    /// <summary>
    /// Loads the overview of the customer the signed-in user acts for. The customer comes from the sign-in's claims,
    /// never from the request, so one shopper cannot ask for another's orders. Null when the user is tied to no customer.
    /// </summary>
    public async Task<ShopperView?> LoadAsync(Guid? customerId, CancellationToken cancellationToken)
    {
        var customer = customerId is null
            ? null
            : await db.Set<Customer>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var orders = await db.Set<Order>().AsNoTracking()
            .Where(o => o.CustomerId == customer.Id)
            .Include(o => o.Plan)
            .OrderByDescending(o => o.PlacedAt)
            .ToListAsync(cancellationToken);
        var merchantIds = orders.Select(o => o.MerchantId).Distinct().ToList();
        var merchants = await db.Set<Merchant>().AsNoTracking()
            .Where(m => merchantIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        return new ShopperView(
            customer.Name,
            customer.Market,
            orders.Select(o => new ShopperOrder(o, merchants.GetValueOrDefault(o.MerchantId, "Unknown merchant"))).ToList(),
            await accounts.BalancesAsync(customer.Id, cancellationToken));
    }
}

internal sealed record ShopperView(string CustomerName, string Market, IReadOnlyList<ShopperOrder> Orders, IReadOnlyList<CustomerBalance> Balances)
{
    public IEnumerable<ShopperOrder> ActivePlans => Orders.Where(o => o.Order.Plan is { IsSettled: false });
}

internal sealed record ShopperOrder(Order Order, string MerchantName)
{
    public string Summary => OrderSummary.Of(Order);
}

using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// What the assistant may know in a turn: the signed-in shopper's own orders, plans, refunds and open disputes, and
/// nothing of anyone else's. Every entity and every answer is looked up in here, so another customer's order number
/// can match nothing, and a reply can only ever quote this shopper's data.
/// </summary>
internal sealed record CustomerFacts(Guid CustomerId, string Name, string Locale, string Market, IReadOnlyList<OrderFact> Orders)
{
    public static async Task<CustomerFacts?> LoadAsync(OmbudDb db, Guid customerId, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Name, c.Locale, c.Market }).SingleOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }

        // Lines and instalments are two owned collections: one query each instead of their cross product.
        var orders = await db.Set<Order>().AsNoTracking().AsSplitQuery().Include(o => o.Plan).Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt).Take(50).ToListAsync(ct);
        var merchantIds = orders.Select(o => o.MerchantId).Distinct().ToList();
        var merchants = await db.Set<Merchant>().AsNoTracking().Where(m => merchantIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var refunds = (await db.Set<Refund>().AsNoTracking().Where(r => r.CustomerId == customerId).ToListAsync(ct)).ToLookup(r => r.OrderId);
        var disputes = (await db.Set<Dispute>().AsNoTracking().Where(d => d.CustomerId == customerId).ToListAsync(ct))
            .ToLookup(d => d.OrderId);
        return new CustomerFacts(customerId, customer.Name, customer.Locale, customer.Market,
        [
            .. orders.Select(o => new OrderFact(o, merchants.GetValueOrDefault(o.MerchantId, "the store"), [.. refunds[o.Id]],
                disputes[o.Id].OrderByDescending(d => d.ReportedAt).FirstOrDefault()))
        ]);
    }

    public OrderFact? Order(Guid id) => Orders.FirstOrDefault(o => o.Id == id);
}

/// <summary>One of the shopper's orders with what happened to it since.</summary>
internal sealed record OrderFact(Order Order, string MerchantName, IReadOnlyList<Refund> Refunds, Dispute? LatestDispute)
{
    public Guid Id => Order.Id;

    /// <summary>How the shopper knows the order: the merchant's order number, else the first eight characters of its id.</summary>
    public string Reference => Order.ExternalId ?? Order.Id.ToString("N")[..8];

    public Dispute? OpenDispute => LatestDispute is { IsOpen: true } open ? open : null;

    public Money Refunded => new(Refunds.Sum(r => r.AmountMinor), Order.Currency);

    /// <summary>"Nordljud Elektronik, Wireless headphones, 1,348.00 SEK, 2026-10-29 (NL-10001)": enough to pick it from a list.</summary>
    public string Describe() =>
        $"{MerchantName}, {string.Join(" + ", Order.Lines.Take(2).Select(l => l.Description))}{(Order.Lines.Count > 2 ? " …" : "")}, " +
        $"{Order.Total}, {Order.PlacedAt:yyyy-MM-dd} ({Reference})";
}

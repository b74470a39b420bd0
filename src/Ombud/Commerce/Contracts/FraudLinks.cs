using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Contracts;

/// <summary>
/// The first links a fraud specialist looks for in the orders: one device or one shipping address used by several
/// customers (rings, account takeover, mules), and first orders far above what a customer usually spends (stolen
/// identities go big at once). Commerce's read service for the fraud home page (<c>Fraud/Pages/FraudHome</c>); scoring,
/// link graphs and rings belong to the Fraud module.
/// </summary>
public sealed class FraudLinks(OmbudDb db)
{
    public const int Limit = 15;

    /// <summary>A first order this many times the currency's average order is worth a look.</summary>
    public const int HighValueFactor = 3;

    public async Task<FraudView> LoadAsync(CancellationToken cancellationToken)
    {
        var orders = db.Set<Order>().AsNoTracking();

        var sharedDevices = await orders
            .Where(o => o.DeviceFingerprint != null)
            .GroupBy(o => o.DeviceFingerprint!)
            .Select(g => new { Key = g.Key, Customers = g.Select(o => o.CustomerId).Distinct().Count(), Orders = g.Count() })
            .Where(g => g.Customers > 1)
            .OrderByDescending(g => g.Customers).ThenByDescending(g => g.Orders).ThenBy(g => g.Key)
            .Take(Limit)
            .ToListAsync(cancellationToken);
        var deviceKeys = sharedDevices.Select(d => d.Key).ToList();
        var deviceCustomers = await orders
            .Where(o => deviceKeys.Contains(o.DeviceFingerprint!))
            .Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new { Key = o.DeviceFingerprint!, c.Id, c.Name, c.Market })
            .Distinct()
            .ToListAsync(cancellationToken);

        var sharedAddresses = await orders
            .GroupBy(o => new { o.ShippingAddress.Line1, o.ShippingAddress.PostalCode, o.ShippingAddress.City, o.ShippingAddress.Country })
            .Select(g => new { g.Key, Customers = g.Select(o => o.CustomerId).Distinct().Count(), Orders = g.Count() })
            .Where(g => g.Customers > 1)
            .OrderByDescending(g => g.Customers).ThenByDescending(g => g.Orders).ThenBy(g => g.Key.Line1)
            .Take(Limit)
            .ToListAsync(cancellationToken);
        var addressLines = sharedAddresses.Select(a => a.Key.Line1).Distinct().ToList();
        var addressCustomers = await orders
            .Where(o => addressLines.Contains(o.ShippingAddress.Line1))
            .Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new
            {
                o.ShippingAddress.Line1,
                o.ShippingAddress.PostalCode,
                o.ShippingAddress.City,
                o.ShippingAddress.Country,
                c.Id,
                c.Name,
                c.Market,
            })
            .Distinct()
            .ToListAsync(cancellationToken);

        return new FraudView(
            [.. sharedDevices.Select(d => new SharedLink(d.Key, d.Orders,
                [.. deviceCustomers.Where(c => c.Key == d.Key).Select(c => new LinkedCustomer(c.Id, c.Name, c.Market)).OrderBy(c => c.Name, StringComparer.Ordinal)]))],
            [.. sharedAddresses.Select(a => new SharedLink($"{a.Key.Line1}, {a.Key.PostalCode} {a.Key.City}, {a.Key.Country}", a.Orders,
                [.. addressCustomers
                    .Where(c => c.Line1 == a.Key.Line1 && c.PostalCode == a.Key.PostalCode && c.City == a.Key.City && c.Country == a.Key.Country)
                    .Select(c => new LinkedCustomer(c.Id, c.Name, c.Market))
                    .OrderBy(c => c.Name, StringComparer.Ordinal)]))],
            await HighValueFirstOrdersAsync(orders, cancellationToken));
    }

    /// <summary>
    /// Compared within a currency (1,000 SEK and 1,000 EUR are not alike), against the currency's average order, so
    /// the list means the same in every market.
    /// </summary>
    private async Task<IReadOnlyList<HighValueFirstOrder>> HighValueFirstOrdersAsync(IQueryable<Order> orders, CancellationToken cancellationToken)
    {
        var averages = await orders
            .GroupBy(o => o.Currency)
            .Select(g => new { Currency = g.Key, Average = g.Average(o => (double)o.TotalMinor) })
            .ToListAsync(cancellationToken);
        var firstOrders = orders.Where(o => !orders.Any(earlier => earlier.CustomerId == o.CustomerId && earlier.PlacedAt < o.PlacedAt));

        var found = new List<HighValueFirstOrder>();
        foreach (var average in averages)
        {
            var threshold = (long)Math.Ceiling(average.Average * HighValueFactor);
            var rows = await firstOrders
                .Where(o => o.Currency == average.Currency && o.TotalMinor >= threshold)
                .OrderByDescending(o => o.TotalMinor)
                .Take(Limit)
                .Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new { o.Id, o.ExternalId, o.PlacedAt, o.TotalMinor, o.Currency, o.MerchantId, c.Name, c.AccountCreatedAt })
                .Join(db.Set<Merchant>(), x => x.MerchantId, m => m.Id, (x, m) => new { x, MerchantName = m.Name })
                .ToListAsync(cancellationToken);
            found.AddRange(rows.Select(r => new HighValueFirstOrder(r.x.Id, r.x.ExternalId, r.x.Name, r.MerchantName, r.x.PlacedAt,
                r.x.AccountCreatedAt, new Money(r.x.TotalMinor, r.x.Currency), r.x.TotalMinor / average.Average)));
        }

        return [.. found.OrderByDescending(f => f.TimesAverage).Take(Limit)];
    }
}

public sealed record FraudView(IReadOnlyList<SharedLink> SharedDevices, IReadOnlyList<SharedLink> SharedAddresses, IReadOnlyList<HighValueFirstOrder> HighValueFirstOrders);

/// <summary>One device fingerprint or shipping address and the customers whose orders used it.</summary>
public sealed record SharedLink(string Key, int Orders, IReadOnlyList<LinkedCustomer> Customers);

public sealed record LinkedCustomer(Guid Id, string Name, string Market);

public sealed record HighValueFirstOrder(
    Guid OrderId, string? ExternalId, string CustomerName, string MerchantName, DateTime PlacedAt, DateTime AccountCreatedAt, Money Total,
    double TimesAverage);

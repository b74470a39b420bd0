using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Http;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Ingestion;

/// <summary>The reads of the ingestion API: one thing by id, or a page of them in id order.</summary>
internal sealed class CommerceReads(OmbudDb db, CustomerAccounts accounts)
{
    public async Task<CustomerResponse?> CustomerAsync(Guid id, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return customer is null ? null : CustomerResponse.From(customer, [.. (await accounts.BalancesAsync(id, ct)).Select(BalanceResponse.From)]);
    }

    public async Task<Page<CustomerResponse>> CustomersAsync(Guid? after, int limit, CancellationToken ct) =>
        Cursor.PageOf(await After(db.Set<Customer>(), c => c.Id, after).Take(limit + 1).ToListAsync(ct), limit, c => c.Id, c => CustomerResponse.From(c));

    public async Task<MerchantResponse?> MerchantAsync(Guid id, CancellationToken ct) =>
        await db.Set<Merchant>().AsNoTracking().Where(m => m.Id == id).Select(m => MerchantResponse.From(m)).SingleOrDefaultAsync(ct);

    public async Task<Page<MerchantResponse>> MerchantsAsync(Guid? after, int limit, CancellationToken ct) =>
        Cursor.PageOf(await After(db.Set<Merchant>(), m => m.Id, after).Take(limit + 1).ToListAsync(ct), limit, m => m.Id, MerchantResponse.From);

    public async Task<OrderResponse?> OrderAsync(Guid id, CancellationToken ct) =>
        await Orders().SingleOrDefaultAsync(o => o.Id == id, ct) is { } order ? OrderResponse.From(order) : null;

    public async Task<Page<OrderResponse>> OrdersAsync(Guid? after, int limit, Guid? customerId, Guid? merchantId, CancellationToken ct)
    {
        var orders = After(Orders(), o => o.Id, after);
        if (customerId is { } c)
        {
            orders = orders.Where(o => o.CustomerId == c);
        }

        if (merchantId is { } m)
        {
            orders = orders.Where(o => o.MerchantId == m);
        }

        return Cursor.PageOf(await orders.Take(limit + 1).AsSplitQuery().ToListAsync(ct), limit, o => o.Id, OrderResponse.From);
    }

    public async Task<PaymentResponse?> PaymentAsync(Guid id, CancellationToken ct) =>
        await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } p ? PaymentResponse.From(p) : null;

    public async Task<Page<PaymentResponse>> PaymentsAsync(Guid? after, int limit, Guid? orderId, CancellationToken ct)
    {
        var payments = After(db.Set<Payment>(), p => p.Id, after);
        if (orderId is { } o)
        {
            payments = payments.Where(p => p.OrderId == o);
        }

        return Cursor.PageOf(await payments.Take(limit + 1).ToListAsync(ct), limit, p => p.Id, PaymentResponse.From);
    }

    public async Task<RefundResponse?> RefundAsync(Guid id, CancellationToken ct) =>
        await db.Set<Refund>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } r ? RefundResponse.From(r) : null;

    public async Task<Page<RefundResponse>> RefundsAsync(Guid? after, int limit, Guid? orderId, CancellationToken ct)
    {
        var refunds = After(db.Set<Refund>(), r => r.Id, after);
        if (orderId is { } o)
        {
            refunds = refunds.Where(r => r.OrderId == o);
        }

        return Cursor.PageOf(await refunds.Take(limit + 1).ToListAsync(ct), limit, r => r.Id, RefundResponse.From);
    }

    private IQueryable<Order> Orders() => db.Set<Order>().AsNoTracking().Include(o => o.Plan);

    private static IQueryable<T> After<T>(IQueryable<T> rows, Expression<Func<T, Guid>> id, Guid? after)
        where T : class
    {
        var ordered = rows.AsNoTracking().OrderBy(id);
        if (after is not { } cursor)
        {
            return ordered;
        }

        // id > cursor, through Guid's comparison operator, which both providers translate to SQL.
        var greater = Expression.GreaterThan(id.Body, Expression.Constant(cursor));
        return ordered.Where(Expression.Lambda<Func<T, bool>>(greater, id.Parameters[0]));
    }
}

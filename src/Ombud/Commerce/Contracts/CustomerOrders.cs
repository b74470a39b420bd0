using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Contracts;

/// <summary>
/// Commerce's read service for the modules above it (the assistant, an agent's view of a customer): a customer's
/// profile and their orders with plan, instalments and refunds, as records that belong to Commerce and carry no
/// entity. Every read is scoped to one customer, so a caller can only ever quote that customer's data.
/// </summary>
public sealed class CustomerOrders(OmbudDb db)
{
    public Task<CustomerProfile?> ProfileAsync(Guid customerId, CancellationToken ct) =>
        db.Set<Customer>().AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new CustomerProfile(c.Id, c.Name, c.Locale, c.Market)).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Where to e-mail the customer, for a module that must tell them something (a person answered): never shown to an
    /// agent. Null when unknown; empty once erased.
    /// </summary>
    public Task<string?> EmailAsync(Guid customerId, CancellationToken ct) =>
        db.Set<Customer>().AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Email).SingleOrDefaultAsync(ct);

    /// <summary>Names by customer id, for lists of many customers (a queue); unknown ids are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct) =>
        await db.Set<Customer>().AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);

    /// <summary>A customer by id or by the id the merchant side gave them; null when neither is known.</summary>
    public Task<CustomerProfile?> FindAsync(string reference, CancellationToken ct) =>
        Guid.TryParse(reference, out var id)
            ? ProfileAsync(id, ct)
            : db.Set<Customer>().AsNoTracking().Where(c => c.ExternalId == reference)
                .Select(c => new CustomerProfile(c.Id, c.Name, c.Locale, c.Market)).FirstOrDefaultAsync(ct);

    /// <summary>The customer ingested first, for tools that need any one.</summary>
    public Task<CustomerProfile?> FirstAsync(CancellationToken ct) =>
        db.Set<Customer>().AsNoTracking().OrderBy(c => c.IngestedAt)
            .Select(c => new CustomerProfile(c.Id, c.Name, c.Locale, c.Market)).FirstOrDefaultAsync(ct);

    /// <summary>Names by merchant id, for lists that name the store; unknown ids are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> MerchantNamesAsync(IReadOnlyCollection<Guid> merchantIds, CancellationToken ct) =>
        await db.Set<Merchant>().AsNoTracking().Where(m => merchantIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);

    /// <summary>The customer's latest orders, newest first.</summary>
    /// <remarks>
    /// Only the columns a summary shows, with the merchant's name read in the orders' statement: three statements
    /// (the orders with their lines, their plans with instalments, the refunds) where whole orders with their addresses
    /// and plans took five.
    /// </remarks>
    public async Task<IReadOnlyList<OrderSummary>> LatestAsync(Guid customerId, int limit, CancellationToken ct)
    {
        var orders = await LatestRowsAsync(customerId, limit, ct);
        var ids = orders.Select(o => o.Id).ToList();
        var plans = await CustomerAccounts.PlanRows(db.Set<PaymentPlan>().Where(p => p.CustomerId == customerId && ids.Contains(p.OrderId)))
            .ToListAsync(ct);
        return Summaries(orders, plans, await RefundsAsync(customerId, ct));
    }

    /// <summary>
    /// The customer's latest orders as <see cref="LatestAsync"/> reads them, and their balances per currency on
    /// <paramref name="today"/> as <see cref="CustomerAccounts.BalancesAsync"/> works them out: what a conversation's first
    /// turn reads. Four statements where the two reads apart took seven: the balances' plans are every plan of the
    /// customer, so the orders' instalments are taken from them, and the refunds returned to the customer from the
    /// orders' refunds.
    /// </summary>
    public async Task<OrdersAndBalances> LatestWithBalancesAsync(Guid customerId, int limit, DateOnly today, CancellationToken ct)
    {
        var orders = await LatestRowsAsync(customerId, limit, ct);
        var plans = await CustomerAccounts.PlansAsync(db, customerId, ct);
        var refunds = await RefundsAsync(customerId, ct);
        var overpaid = await CustomerAccounts.OverpaidAsync(db, customerId, ct);
        IReadOnlyList<CurrencyAmount> credits =
            [.. overpaid, .. refunds.Where(r => r.ReturnedToCustomerMinor > 0).Select(r => new CurrencyAmount(r.Currency, r.ReturnedToCustomerMinor))];
        return new OrdersAndBalances(Summaries(orders, plans, refunds), CustomerAccounts.Balances(plans, credits, today));
    }

    /// <summary>The latest orders with their lines, one statement: one collection joins without multiplying rows.</summary>
    private Task<List<OrderRow>> LatestRowsAsync(Guid customerId, int limit, CancellationToken ct) =>
        db.Set<Order>().AsNoTracking().Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt).Take(limit)
            .Select(o => new OrderRow(o.Id, o.ExternalId, o.MerchantId,
                db.Set<Merchant>().Where(m => m.Id == o.MerchantId).Select(m => m.Name).FirstOrDefault(),
                o.Status, o.TotalMinor, o.Currency, o.PlacedAt, o.ShippedAt, o.DeliveredAt, o.Carrier, o.TrackingNumber,
                o.Lines.Select(l => new LineRow(l.Number, l.Description, l.Quantity, l.UnitPriceMinor)).ToList(),
                o.Plan.Kind, o.Plan.HandedToCollectionAt))
            .ToListAsync(ct);

    private Task<List<RefundRow>> RefundsAsync(Guid customerId, CancellationToken ct) =>
        db.Set<Refund>().AsNoTracking().Where(r => r.CustomerId == customerId)
            .Select(r => new RefundRow(r.Id, r.OrderId, r.AmountMinor, r.Currency, r.CreatedAt, r.ReturnedToCustomerMinor)).ToListAsync(ct);

    private static List<OrderSummary> Summaries(List<OrderRow> orders, List<PlanRow> plans, List<RefundRow> refunds)
    {
        var instalments = plans.ToDictionary(p => p.OrderId, p => p.Instalments);
        var byOrder = refunds.ToLookup(r => r.OrderId);
        return [.. orders.Select(o => o.Summarise(instalments.GetValueOrDefault(o.Id) ?? [], byOrder[o.Id]))];
    }

    /// <summary>
    /// The ids of the customer's latest orders, newest first, the same as <see cref="LatestAsync"/>'s, and nothing else: for a
    /// caller that only counts them (a hand-off's brief), one light statement instead of the orders with lines, plans and refunds.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> LatestIdsAsync(Guid customerId, int limit, CancellationToken ct) =>
        await db.Set<Order>().AsNoTracking().Where(o => o.CustomerId == customerId).OrderByDescending(o => o.PlacedAt).Take(limit)
            .Select(o => o.Id).ToListAsync(ct);

    /// <summary>The payments received on one of the customer's orders, oldest first (none for another customer's order).</summary>
    public async Task<IReadOnlyList<OrderPayment>> PaymentsAsync(Guid customerId, Guid orderId, CancellationToken ct) =>
        (await db.Set<Payment>().AsNoTracking().Where(p => p.CustomerId == customerId && p.OrderId == orderId)
            .Select(p => new { p.AmountMinor, p.Currency, p.ReceivedAt }).ToListAsync(ct))
            .OrderBy(p => p.ReceivedAt).Select(p => new OrderPayment(new Money(p.AmountMinor, p.Currency), p.ReceivedAt)).ToList();

    /// <summary>An order as <see cref="LatestAsync"/> reads it: the columns of its summary, nothing of its addresses or payment instrument.</summary>
    private sealed record OrderRow(Guid Id, string? ExternalId, Guid MerchantId, string? MerchantName, OrderStatus Status, long TotalMinor,
        string Currency, DateTime PlacedAt, DateTime? ShippedAt, DateTime? DeliveredAt, string? Carrier, string? TrackingNumber,
        List<LineRow> Lines, PlanKind PlanKind, DateTime? HandedToCollectionAt)
    {
        public OrderSummary Summarise(List<InstalmentRow> instalments, IEnumerable<RefundRow> refunds) => new(
            Id, ExternalId, MerchantId, MerchantName ?? "the store", Status, new Money(TotalMinor, Currency), PlacedAt, ShippedAt, DeliveredAt,
            Carrier, TrackingNumber,
            [.. Lines.OrderBy(l => l.Number).Select(l => new OrderLineSummary(l.Number, l.Description, l.Quantity,
                new Money(OrderLine.TotalOf(l.Quantity, l.UnitPriceMinor), Currency)))],
            new PlanSummary(PlanKind, new Money(instalments.Sum(i => i.HeldMinor), Currency),
                [.. instalments.OrderBy(i => i.Sequence).Select(i => i.Summarise(Currency))], HandedToCollectionAt),
            [.. refunds.OrderBy(r => r.CreatedAt).Select(r => new RefundSummary(r.Id, new Money(r.AmountMinor, r.Currency), r.CreatedAt))]);
    }

    private sealed record LineRow(int Number, string Description, int Quantity, long UnitPriceMinor);

    private sealed record RefundRow(Guid Id, Guid OrderId, long AmountMinor, string Currency, DateTime CreatedAt, long ReturnedToCustomerMinor);
}

/// <summary>The customer's latest orders and their balances per currency (<see cref="CustomerOrders.LatestWithBalancesAsync"/>).</summary>
public sealed record OrdersAndBalances(IReadOnlyList<OrderSummary> Orders, IReadOnlyList<CustomerBalance> Balances);

public sealed record CustomerProfile(Guid Id, string Name, string Locale, string Market);

/// <summary>An order with what happened to it since: its plan and the refunds given on it.</summary>
public sealed record OrderSummary(
    Guid Id,
    string? ExternalId,
    Guid MerchantId,
    string MerchantName,
    OrderStatus Status,
    Money Total,
    DateTime PlacedAt,
    DateTime? ShippedAt,
    DateTime? DeliveredAt,
    string? Carrier,
    string? TrackingNumber,
    IReadOnlyList<OrderLineSummary> Lines,
    PlanSummary Plan,
    IReadOnlyList<RefundSummary> Refunds)
{
    public string Currency => Total.Currency;
}

public sealed record OrderLineSummary(int Number, string Description, int Quantity, Money Total);

/// <summary>A payment plan now: <see cref="Held"/> is what a dispute pauses; <see cref="HandedToCollectionAt"/> when it went to collection (null: it is not there).</summary>
public sealed record PlanSummary(PlanKind Kind, Money Held, IReadOnlyList<InstalmentSummary> Instalments, DateTime? HandedToCollectionAt = null);

/// <summary>One instalment: <see cref="Collectible"/> is what is still unpaid and not paused.</summary>
public sealed record InstalmentSummary(int Sequence, DateOnly DueDate, InstalmentStatus Status, Money Remaining, Money Collectible, Money Held);

/// <summary>A payment the customer made on an order.</summary>
public sealed record OrderPayment(Money Amount, DateTime ReceivedAt);

public sealed record RefundSummary(Guid Id, Money Amount, DateTime CreatedAt);

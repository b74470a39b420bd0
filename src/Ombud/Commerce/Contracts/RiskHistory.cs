using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Ombud.Commerce.DemoWorld;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Contracts;

/// <summary>
/// An order as a risk check sees it: the identities it carries (contact, device, connection, addresses, the payment
/// instrument's fingerprint), the
/// customer's account age and the merchant's category. Addresses are one normalised key each, so equal addresses
/// compare equal. <see cref="AccountCreatedAt"/> is null on the earlier orders of a risk decision's read
/// (<see cref="RiskHistory.OrderWithEarlierLinkedAsync"/>): the account age is a feature of the order decided only,
/// so that read looks up the customer for the order itself and not once per earlier order.
/// </summary>
public sealed record RiskOrderFacts(
    Guid OrderId,
    Guid CustomerId,
    DateTime PlacedAt,
    long TotalMinor,
    string Currency,
    string? Email,
    string? Phone,
    string? DeviceFingerprint,
    string? IpAddress,
    string BillingAddress,
    string ShippingAddress,
    DateTime? AccountCreatedAt,
    string MerchantCategory,
    string? InstrumentFingerprint = null);

/// <summary>An earlier order as a risk decision reads it: its facts and whether it is known to be fraud (null: not known).</summary>
public sealed record LabelledOrder(RiskOrderFacts Order, bool? Fraud);

/// <summary>An order and what a risk decision knows before it: the earlier orders sharing an identity with it, newest first, with their labels.</summary>
public sealed record RiskOrderHistory(RiskOrderFacts Order, IReadOnlyList<LabelledOrder> Linked);

/// <summary>
/// Labels on orders kept by a module above Commerce (the fraud module's case decisions): fraud (true) or not (false).
/// Commerce reads them through this without naming the module that keeps them.
/// </summary>
public interface IOrderLabelSource
{
    Task<IReadOnlyDictionary<Guid, bool>> LabelsAsync(IReadOnlyCollection<Guid>? orderIds, CancellationToken ct);

    Task<bool> AnyAsync(CancellationToken ct);
}

/// <summary>
/// Commerce's read service for risk scoring and for training on history: an order's facts, the earlier orders that
/// share an identity with it, and the labelled history. Labels are the demo world's ground truth and every
/// <see cref="IOrderLabelSource"/> (case decisions); a decided case outranks the demo world's label.
/// </summary>
public sealed class RiskHistory(OmbudDb db, IEnumerable<IOrderLabelSource> sources)
{
    /// <summary>How many earlier orders sharing an identity a check reads at most, newest first.</summary>
    public const int LinkedLimit = 500;

    /// <summary>Kinds of planted demo order that are fraud; the others (not delivered, faulty, double charge) are honest disputes.</summary>
    internal static readonly DemoLabelKind[] FraudKinds =
        [DemoLabelKind.StolenIdentity, DemoLabelKind.AccountTakeover, DemoLabelKind.FraudRing, DemoLabelKind.FriendlyFraud];

    public async Task<RiskOrderFacts?> OrderAsync(Guid orderId, CancellationToken ct)
    {
        await foreach (var found in Reads.OrderById(db, orderId).WithCancellation(ct))
        {
            return found;
        }

        return null;
    }

    /// <summary>
    /// Orders placed before <paramref name="order"/> by its customer or from its device, IP, e-mail, phone, payment
    /// instrument or shipping address, newest first, at most <see cref="LinkedLimit"/>.
    /// </summary>
    public async Task<IReadOnlyList<RiskOrderFacts>> EarlierLinkedAsync(RiskOrderFacts order, CancellationToken ct) =>
        [.. (await Linked.ReadAsync(db, order.OrderId, ct)).Linked.Select(o => o.Order)];

    /// <summary>
    /// A risk decision's read, in one round trip for the order and its history: the order's facts (null: no such order)
    /// and the orders of <see cref="EarlierLinkedAsync"/> with their labels (<see cref="LabelsAsync"/>). The demo world's
    /// ground truth comes in the same statement; the case labels are asked of their sources, which look only where an
    /// order has a decided case.
    /// </summary>
    public async Task<RiskOrderHistory?> OrderWithEarlierLinkedAsync(Guid orderId, CancellationToken ct)
    {
        var (order, linked) = await Linked.ReadAsync(db, orderId, ct);
        if (order is null)
        {
            return null;
        }

        var decided = await SourceLabelsAsync([.. linked.Select(o => o.Order.OrderId)], ct);
        return new RiskOrderHistory(order, decided.Count == 0
            ? linked
            : [.. linked.Select(o => decided.TryGetValue(o.Order.OrderId, out var fraud) ? o with { Fraud = fraud } : o)]);
    }

    /// <summary>Every order, oldest first, for training on the whole history.</summary>
    public IAsyncEnumerable<RiskOrderFacts> AllAsync() =>
        db.Set<Order>().AsNoTracking().OrderBy(o => o.PlacedAt).ThenBy(o => o.Id)
            .Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new { o, c.AccountCreatedAt })
            .Join(db.Set<Merchant>(), x => x.o.MerchantId, m => m.Id, (x, m) => new FactsRow { Order = x.o, AccountCreatedAt = x.AccountCreatedAt, Category = m.CategoryCode })
            .Select(FactsOf).AsAsyncEnumerable();

    /// <summary>Which of these orders are known to be fraud (true) or known not to be (false); unknown ones are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, bool>> LabelsAsync(IReadOnlyCollection<Guid>? orderIds, CancellationToken ct)
    {
        var labels = db.Set<DemoLabel>().AsNoTracking();
        if (orderIds is not null)
        {
            labels = labels.Where(l => orderIds.Contains(l.OrderId));
        }

        var rows = await labels.Select(l => new { l.OrderId, l.Kind }).ToListAsync(ct);
        var known = rows.GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => g.Any(r => FraudKinds.Contains(r.Kind)));
        foreach (var (orderId, fraud) in await SourceLabelsAsync(orderIds, ct))
        {
            known[orderId] = fraud;
        }

        return known;
    }

    /// <summary>The labels kept above Commerce (decided cases), which outrank the demo world's.</summary>
    private async Task<Dictionary<Guid, bool>> SourceLabelsAsync(IReadOnlyCollection<Guid>? orderIds, CancellationToken ct)
    {
        var known = new Dictionary<Guid, bool>();
        foreach (var source in sources)
        {
            foreach (var (orderId, fraud) in await source.LabelsAsync(orderIds, ct))
            {
                known[orderId] = fraud;
            }
        }

        return known;
    }

    /// <summary>The demo world's planted orders of one kind, oldest first: what the demo opens its fraud cases on.</summary>
    public async Task<IReadOnlyList<Guid>> PlantedAsync(DemoLabelKind kind, int limit, CancellationToken ct) =>
        await db.Set<Order>().AsNoTracking().Where(o => db.Set<DemoLabel>().Any(l => l.OrderId == o.Id && l.Kind == kind))
            .OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).Select(o => o.Id).Take(limit).ToListAsync(ct);

    /// <summary>Whether the history holds any label at all: a world to learn from.</summary>
    public async Task<bool> HasLabelsAsync(CancellationToken ct)
    {
        if (await db.Set<DemoLabel>().AnyAsync(ct))
        {
            return true;
        }

        foreach (var source in sources)
        {
            if (await source.AnyAsync(ct))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An order's facts with its customer's account age and its merchant's category, as the queries below join them.
    /// </summary>
    private sealed class FactsRow
    {
        public Order Order { get; init; } = null!;

        public DateTime AccountCreatedAt { get; init; }

        public string Category { get; init; } = "";
    }

    /// <summary>
    /// The records, built only in each query's last projection (EF Core evaluates it as it reads: nothing may be
    /// composed after it). Addresses become one normalised key each.
    /// </summary>
    private static readonly Expression<Func<FactsRow, RiskOrderFacts>> FactsOf = x => new RiskOrderFacts(
        x.Order.Id, x.Order.CustomerId, x.Order.PlacedAt, x.Order.TotalMinor, x.Order.Currency, x.Order.Email, x.Order.Phone, x.Order.DeviceFingerprint,
        x.Order.IpAddress,
        x.Order.BillingAddress.Line1 + "|" + x.Order.BillingAddress.PostalCode + "|" + x.Order.BillingAddress.Country,
        x.Order.ShippingAddress.Line1 + "|" + x.Order.ShippingAddress.PostalCode + "|" + x.Order.ShippingAddress.Country,
        x.AccountCreatedAt, x.Category, x.Order.InstrumentFingerprint);

    /// <summary>The reads for this context's model (a process may hold more than one, e.g. SQLite and PostgreSQL in the tests).</summary>
    private CompiledReads Reads => ByModel.For(db);

    private EarlierLinkedRead Linked => LinkedByModel.For(db);

    private static readonly PerModel<CompiledReads> ByModel = new(_ => new CompiledReads());

    private static readonly PerModel<EarlierLinkedRead> LinkedByModel = new(db => new EarlierLinkedRead(db));

    /// <summary>
    /// An order's facts (the case pages' and case opening's read), compiled once per model: EF Core then neither
    /// rebuilds nor hashes and compares its expression tree on each call. A compiled query serves only the model it was
    /// first run with, hence one per model. A risk decision reads the order with its history instead
    /// (<see cref="EarlierLinkedRead"/>).
    /// </summary>
    private sealed class CompiledReads
    {
        /// <summary>One order's facts.</summary>
        public Func<OmbudDb, Guid, IAsyncEnumerable<RiskOrderFacts>> OrderById { get; } = EF.CompileAsyncQuery((OmbudDb db, Guid id) =>
            db.Set<Order>().AsNoTracking().Where(o => o.Id == id)
                .Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new { o, c.AccountCreatedAt })
                .Join(db.Set<Merchant>(), x => x.o.MerchantId, m => m.Id, (x, m) => new FactsRow { Order = x.o, AccountCreatedAt = x.AccountCreatedAt, Category = m.CategoryCode })
                .Select(FactsOf));
    }
}

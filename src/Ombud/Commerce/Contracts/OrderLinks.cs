using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Contracts;

/// <summary>An identity an order carries that another customer's order can share.</summary>
public enum SharedIdentifier
{
    Device,
    IpAddress,
    Email,
    Phone,
    ShippingAddress,

    /// <summary>The payment instrument's fingerprint from the gateway (never a card number).</summary>
    PaymentInstrument,
}

/// <summary>
/// An order as link analysis sees it: who placed it, what it is worth and where it stands, and its identities as
/// normalised keys (e-mail in lower case, phone without spaces or dashes, shipping address as street|postcode|country
/// in one case and spacing), so that two spellings of one identity are one link. Keys are personal data: a reader masks them.
/// <paramref name="Instrument"/> is the payment instrument's label for people ("card ••4242 (BIN 424242)"); its key is the fingerprint.
/// </summary>
public sealed record OrderLinkFacts(
    Guid OrderId,
    string? Reference,
    Guid CustomerId,
    string CustomerName,
    DateTime PlacedAt,
    OrderStatus Status,
    Money Total,
    IReadOnlyDictionary<SharedIdentifier, string> Identities,
    string? Instrument = null);

/// <summary>One use of an identity that several customers share: the customer and the order's time.</summary>
public sealed record SharedUse(SharedIdentifier Kind, string Key, Guid CustomerId, DateTime At);

/// <summary>What to look for: orders of these customers or carrying any of these identities (normalised keys).</summary>
public sealed record LinkQuery(IReadOnlyCollection<Guid> Customers, IReadOnlyDictionary<SharedIdentifier, IReadOnlyCollection<string>> Identities);

/// <summary>
/// Commerce's read service for link analysis: the orders that share a customer or an identity with a set of others
/// (one query per step, however many identities), and the identities several customers share (one query per kind).
/// Identities of erased customers are gone, so they link nothing.
/// </summary>
public sealed partial class OrderLinks(OmbudDb db)
{
    public async Task<IReadOnlyList<OrderLinkFacts>> OrdersAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct) =>
        Facts(await Keys().Where(k => orderIds.Contains(k.OrderId)).ToListAsync(ct));

    /// <summary>
    /// Orders, newest first and at most <paramref name="limit"/>, of the query's customers or carrying one of its
    /// identities, leaving out <paramref name="except"/> (those already known).
    /// </summary>
    public async Task<IReadOnlyList<OrderLinkFacts>> SharingAsync(LinkQuery query, IReadOnlyCollection<Guid> except, int limit, CancellationToken ct)
    {
        IReadOnlyCollection<string> Of(SharedIdentifier kind) => query.Identities.GetValueOrDefault(kind) ?? [];
        var (customers, devices, ips, emails, phones, addresses, instruments) =
            (query.Customers, Of(SharedIdentifier.Device), Of(SharedIdentifier.IpAddress), Of(SharedIdentifier.Email), Of(SharedIdentifier.Phone),
                Of(SharedIdentifier.ShippingAddress), Of(SharedIdentifier.PaymentInstrument));
        var rows = await Keys()
            .Where(k => !except.Contains(k.OrderId))
            .Where(k => customers.Contains(k.CustomerId) || devices.Contains(k.Device!) || ips.Contains(k.Ip!) || emails.Contains(k.Email!)
                        || phones.Contains(k.Phone!) || addresses.Contains(k.Address!) || instruments.Contains(k.Instrument!))
            .OrderByDescending(k => k.PlacedAt).ThenBy(k => k.OrderId)
            .Take(limit)
            .ToListAsync(ct);
        return Facts(rows);
    }

    /// <summary>
    /// Every use (order) of an identity of one kind that orders of more than one customer carry: the customer and when.
    /// A ring detection decides from the times whether two customers used it close enough together to count.
    /// </summary>
    public async Task<IReadOnlyList<SharedUse>> SharedUsesAsync(SharedIdentifier kind, CancellationToken ct)
    {
        var pairs = Pairs(kind).Where(p => p.Key != null && p.Key != "");
        var shared = pairs.GroupBy(p => p.Key).Where(g => g.Select(p => p.CustomerId).Distinct().Count() > 1).Select(g => g.Key);
        // A join on the shared keys, grouped once: as Contains, EF Core wrote a correlated EXISTS that grouped every order
        // again for each order (quadratic; seconds of the database's CPU for the demo world's 700 orders' addresses).
        var rows = await pairs.Join(shared, p => p.Key, key => key, (p, _) => new { p.Key, p.CustomerId, p.At }).ToListAsync(ct);
        return [.. rows.Select(r => new SharedUse(kind, r.Key!, r.CustomerId, r.At))];
    }

    private IQueryable<KeyPair> Pairs(SharedIdentifier kind)
    {
        var keys = Keys();
        return kind switch
        {
            SharedIdentifier.Device => keys.Select(k => new KeyPair { Key = k.Device, CustomerId = k.CustomerId, At = k.PlacedAt }),
            SharedIdentifier.IpAddress => keys.Select(k => new KeyPair { Key = k.Ip, CustomerId = k.CustomerId, At = k.PlacedAt }),
            SharedIdentifier.Email => keys.Select(k => new KeyPair { Key = k.Email, CustomerId = k.CustomerId, At = k.PlacedAt }),
            SharedIdentifier.Phone => keys.Select(k => new KeyPair { Key = k.Phone, CustomerId = k.CustomerId, At = k.PlacedAt }),
            SharedIdentifier.PaymentInstrument => keys.Select(k => new KeyPair { Key = k.Instrument, CustomerId = k.CustomerId, At = k.PlacedAt }),
            _ => keys.Select(k => new KeyPair { Key = k.Address, CustomerId = k.CustomerId, At = k.PlacedAt }),
        };
    }

    /// <summary>Orders with their normalised keys, computed by the database so that filters and groups use them.</summary>
    private IQueryable<OrderKeys> Keys() =>
        db.Set<Order>().AsNoTracking().Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new OrderKeys
        {
            OrderId = o.Id,
            Reference = o.ExternalId,
            CustomerId = o.CustomerId,
            CustomerName = c.Name,
            PlacedAt = o.PlacedAt,
            Status = o.Status,
            TotalMinor = o.TotalMinor,
            Currency = o.Currency,
            Device = o.DeviceFingerprint,
            Ip = o.IpAddress,
            // An erased customer's orders keep a pseudonymous e-mail of their own, which links nothing.
            Email = o.Email == "" ? null : o.Email.ToLower(),
            Phone = o.Phone == null || o.Phone == "" ? null : o.Phone.Replace(" ", "").Replace("-", ""),
            Address = o.ShippingAddress.Line1 == CustomerErasureScope.Removed || o.ShippingAddress.Line1 == ""
                ? null
                : o.ShippingAddress.Line1.ToLower().Replace(" ", "") + "|" + o.ShippingAddress.PostalCode.Replace(" ", "") + "|" + o.ShippingAddress.Country.ToUpper(),
            Instrument = o.InstrumentFingerprint,
            InstrumentKind = o.InstrumentKind,
            InstrumentBin = o.InstrumentBin,
            InstrumentLast4 = o.InstrumentLast4,
        });

    private static List<OrderLinkFacts> Facts(IEnumerable<OrderKeys> rows) =>
    [
        .. rows.Select(k => new OrderLinkFacts(k.OrderId, k.Reference, k.CustomerId, k.CustomerName, k.PlacedAt, k.Status, new Money(k.TotalMinor, k.Currency),
            new Dictionary<SharedIdentifier, string?>
            {
                [SharedIdentifier.Device] = k.Device,
                [SharedIdentifier.IpAddress] = k.Ip,
                [SharedIdentifier.Email] = k.Email,
                [SharedIdentifier.Phone] = k.Phone,
                [SharedIdentifier.ShippingAddress] = k.Address,
                [SharedIdentifier.PaymentInstrument] = k.Instrument,
            }.Where(i => !string.IsNullOrEmpty(i.Value)).ToDictionary(i => i.Key, i => i.Value!),
            k.Instrument is null ? null : PaymentInstrument.LabelOf(k.InstrumentKind ?? InstrumentKind.Card, k.Instrument, k.InstrumentBin, k.InstrumentLast4))),
    ];

    private sealed class OrderKeys
    {
        public Guid OrderId { get; init; }

        public string? Reference { get; init; }

        public Guid CustomerId { get; init; }

        public string CustomerName { get; init; } = "";

        public DateTime PlacedAt { get; init; }

        public OrderStatus Status { get; init; }

        public long TotalMinor { get; init; }

        public string Currency { get; init; } = "";

        public string? Device { get; init; }

        public string? Ip { get; init; }

        public string? Email { get; init; }

        public string? Phone { get; init; }

        public string? Address { get; init; }

        public string? Instrument { get; init; }

        public InstrumentKind? InstrumentKind { get; init; }

        public string? InstrumentBin { get; init; }

        public string? InstrumentLast4 { get; init; }
    }

    private sealed class KeyPair
    {
        public string? Key { get; init; }

        public Guid CustomerId { get; init; }

        public DateTime At { get; init; }
    }
}

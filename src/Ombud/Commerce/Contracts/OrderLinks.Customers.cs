using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Privacy;

namespace Ombud.Commerce.Contracts;

/// <summary>Someone to find linked customers for: their own customer account, an e-mail address of theirs, or both.</summary>
public sealed record LinkSeed(Guid? CustomerId, string? Email);

public sealed partial class OrderLinks
{
    /// <summary>The identities that tie people together for conflicts of interest: not an IP address, which strangers share.</summary>
    private static readonly SharedIdentifier[] PersonalKinds = [SharedIdentifier.Device, SharedIdentifier.Email, SharedIdentifier.Phone, SharedIdentifier.ShippingAddress];

    /// <summary>
    /// For each seed, its own customer and every customer sharing an address, device, phone or e-mail with it, one step
    /// away: on the customers' records and on their orders. The seed's e-mail counts as an e-mail of theirs. Four queries
    /// however many seeds: the owners' identities by customer id, then every order and record looked through for them.
    /// Identities of erased customers are gone, so they link nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<TKey, IReadOnlySet<Guid>>> LinkedCustomersAsync<TKey>(IReadOnlyDictionary<TKey, LinkSeed> seeds, CancellationToken ct)
        where TKey : notnull
    {
        var owners = OwnersOf(seeds);
        var own = owners.Count == 0 ? [] : await IdentitiesAsync(Keys().Where(k => owners.Contains(k.CustomerId)), Records().Where(k => owners.Contains(k.CustomerId)), ct);
        var wanted = WantedBy(seeds, own);
        var all = wanted.Values.SelectMany(w => w).ToHashSet();
        List<string> Of(SharedIdentifier kind) => [.. all.Where(i => i.Kind == kind).Select(i => i.Key)];
        var (devices, emails, phones, addresses) = (Of(SharedIdentifier.Device), Of(SharedIdentifier.Email), Of(SharedIdentifier.Phone), Of(SharedIdentifier.ShippingAddress));
        var sharing = all.Count == 0 ? [] : await IdentitiesAsync(
            Keys().Where(k => devices.Contains(k.Device!) || emails.Contains(k.Email!) || phones.Contains(k.Phone!) || addresses.Contains(k.Address!)),
            Records().Where(k => emails.Contains(k.Email!) || phones.Contains(k.Phone!) || addresses.Contains(k.Address!)), ct);
        return LinkedBy(seeds, wanted, sharing, _ => true);
    }

    /// <summary>
    /// For each seed, which of <paramref name="customers"/> <see cref="LinkedCustomersAsync"/> would find: the same links,
    /// asked of those customers only, by customer id where the open question scans every order for the seeds' identities.
    /// The smaller side (the seeds' own customers, or the given ones) is read whole; of the other only the rows carrying
    /// an identity the smaller side has, since no other can link the two. Dispatch asks about one place's customer
    /// against every online agent, and about one agent against every waiting place's customer: reading both sides whole
    /// read hundreds of orders a time to find, nearly always, no link.
    /// </summary>
    public async Task<IReadOnlyDictionary<TKey, IReadOnlySet<Guid>>> LinkedAmongAsync<TKey>(IReadOnlyDictionary<TKey, LinkSeed> seeds,
        IReadOnlyCollection<Guid> customers, CancellationToken ct)
        where TKey : notnull
    {
        var owners = OwnersOf(seeds);
        var among = customers.ToHashSet();
        List<(Guid CustomerId, SharedIdentifier Kind, string Key)> own, sharing;
        if (among.Count <= owners.Count)
        {
            // The given customers whole; of the seeds' own customers only what the given ones carry too (a seed's own
            // customer who is among them is read whole already).
            var theirs = among.Count == 0 ? [] : await IdentitiesOfAsync([.. among], null, ct);
            own = [.. theirs.Where(i => owners.Contains(i.CustomerId)), .. await IdentitiesOfAsync([.. owners.Except(among)], KeysOf(theirs), ct)];
            sharing = theirs;
        }
        else
        {
            // The seeds' own customers whole; of the given ones only what a seed carries, its e-mail included.
            own = owners.Count == 0 ? [] : await IdentitiesOfAsync([.. owners], null, ct);
            var sought = WantedBy(seeds, own).Values.SelectMany(w => w).ToHashSet();
            sharing = [.. own.Where(i => among.Contains(i.CustomerId)), .. await IdentitiesOfAsync([.. among.Except(owners)], sought, ct)];
        }

        var wanted = WantedBy(seeds, own);
        var all = wanted.Values.SelectMany(w => w).ToHashSet();
        return LinkedBy(seeds, wanted, [.. sharing.Where(i => all.Contains((i.Kind, i.Key)))], among.Contains);
    }

    private static HashSet<(SharedIdentifier Kind, string Key)> KeysOf(IEnumerable<(Guid CustomerId, SharedIdentifier Kind, string Key)> identities) =>
        [.. identities.Select(i => (i.Kind, i.Key))];

    private static HashSet<Guid> OwnersOf<TKey>(IReadOnlyDictionary<TKey, LinkSeed> seeds)
        where TKey : notnull =>
        seeds.Values.Select(s => s.CustomerId).OfType<Guid>().ToHashSet();

    /// <summary>Each seed's identities to look for: its own customer's, and the e-mail it was given.</summary>
    private static Dictionary<TKey, HashSet<(SharedIdentifier Kind, string Key)>> WantedBy<TKey>(IReadOnlyDictionary<TKey, LinkSeed> seeds,
        List<(Guid CustomerId, SharedIdentifier Kind, string Key)> own)
        where TKey : notnull =>
        seeds.ToDictionary(s => s.Key, s => own.Where(i => i.CustomerId == s.Value.CustomerId).Select(i => (i.Kind, i.Key))
            .Concat(string.IsNullOrWhiteSpace(s.Value.Email) ? [] : [(SharedIdentifier.Email, s.Value.Email.Trim().ToLowerInvariant())]).ToHashSet());

    /// <summary>Each seed's linked customers: those sharing one of its identities, and its own customer where <paramref name="counts"/> says so.</summary>
    private static Dictionary<TKey, IReadOnlySet<Guid>> LinkedBy<TKey>(IReadOnlyDictionary<TKey, LinkSeed> seeds,
        Dictionary<TKey, HashSet<(SharedIdentifier Kind, string Key)>> wanted, List<(Guid CustomerId, SharedIdentifier Kind, string Key)> sharing,
        Func<Guid, bool> counts)
        where TKey : notnull
    {
        var byIdentity = sharing.ToLookup(i => (i.Kind, i.Key), i => i.CustomerId);
        return seeds.ToDictionary(s => s.Key, IReadOnlySet<Guid> (s) =>
            wanted[s.Key].SelectMany(i => byIdentity[i]).Concat(s.Value.CustomerId is { } mine && counts(mine) ? [mine] : []).ToHashSet());
    }

    /// <summary>
    /// Each of these customers with each personal identity their record or their orders carry, in one statement: the
    /// record's identities beside each of its orders' (a customer with no orders is one row), so no set operation is needed.
    /// With <paramref name="only"/>, only the rows carrying one of those identities are read, and only those identities kept.
    /// </summary>
    private async Task<List<(Guid CustomerId, SharedIdentifier Kind, string Key)>> IdentitiesOfAsync(List<Guid> customers,
        HashSet<(SharedIdentifier Kind, string Key)>? only, CancellationToken ct)
    {
        if (customers.Count == 0 || only is { Count: 0 })
        {
            return [];
        }

        var rows = Records().Where(r => customers.Contains(r.CustomerId))
            .LeftJoin(Keys(), r => r.CustomerId, k => k.CustomerId, (r, k) => new
            {
                r.CustomerId,
                r.Email,
                r.Phone,
                r.Address,
                OrderDevice = k!.Device,
                OrderEmail = k!.Email,
                OrderPhone = k!.Phone,
                OrderAddress = k!.Address,
            });
        if (only is not null)
        {
            List<string> Of(SharedIdentifier kind) => [.. only.Where(i => i.Kind == kind).Select(i => i.Key)];
            var (devices, emails, phones, addresses) = (Of(SharedIdentifier.Device), Of(SharedIdentifier.Email), Of(SharedIdentifier.Phone), Of(SharedIdentifier.ShippingAddress));
            rows = rows.Where(r => emails.Contains(r.Email!) || phones.Contains(r.Phone!) || addresses.Contains(r.Address!) || devices.Contains(r.OrderDevice!)
                                   || emails.Contains(r.OrderEmail!) || phones.Contains(r.OrderPhone!) || addresses.Contains(r.OrderAddress!));
        }

        var identities = Personal((await rows.Distinct().ToListAsync(ct)).SelectMany(r => new[]
        {
            new IdentityRow(r.CustomerId, null, r.Email, r.Phone, r.Address),
            new IdentityRow(r.CustomerId, r.OrderDevice, r.OrderEmail, r.OrderPhone, r.OrderAddress),
        }));
        return only is null ? identities : [.. identities.Where(i => only.Contains((i.Kind, i.Key)))];
    }

    /// <summary>Each customer with each personal identity their orders or their record carry.</summary>
    private static async Task<List<(Guid CustomerId, SharedIdentifier Kind, string Key)>> IdentitiesAsync(IQueryable<OrderKeys> orders, IQueryable<OrderKeys> records,
        CancellationToken ct)
    {
        var rows = (await orders.Select(k => new { k.CustomerId, k.Device, k.Email, k.Phone, k.Address }).Distinct().ToListAsync(ct))
            .Concat(await records.Select(k => new { k.CustomerId, k.Device, k.Email, k.Phone, k.Address }).ToListAsync(ct));
        return Personal(rows.Select(r => new IdentityRow(r.CustomerId, r.Device, r.Email, r.Phone, r.Address)));
    }

    /// <summary>Each row's personal identities that are there, one by kind.</summary>
    private static List<(Guid CustomerId, SharedIdentifier Kind, string Key)> Personal(IEnumerable<IdentityRow> rows) =>
    [
        .. rows.SelectMany(r => PersonalKinds.Select(kind => (r.CustomerId, kind, Key: kind switch
        {
            SharedIdentifier.Device => r.Device,
            SharedIdentifier.Email => r.Email,
            SharedIdentifier.Phone => r.Phone,
            _ => r.Address,
        })).Where(i => !string.IsNullOrEmpty(i.Key)).Select(i => (i.CustomerId, i.kind, i.Key!))),
    ];

    /// <summary>Customers' own records with their identities normalised as an order's are (<see cref="Keys"/>).</summary>
    private IQueryable<OrderKeys> Records() =>
        db.Set<Customer>().AsNoTracking().Select(c => new OrderKeys
        {
            CustomerId = c.Id,
            // An erased customer keeps a pseudonymous e-mail of their own, which links nothing.
            Email = c.Email == "" ? null : c.Email.ToLower(),
            Phone = c.Phone == null || c.Phone == "" ? null : c.Phone.Replace(" ", "").Replace("-", ""),
            Address = c.Address == null || c.Address.Line1 == CustomerErasureScope.Removed || c.Address.Line1 == ""
                ? null
                : c.Address.Line1.ToLower().Replace(" ", "") + "|" + c.Address.PostalCode.Replace(" ", "") + "|" + c.Address.Country.ToUpper(),
        });
}

/// <summary>A customer's personal identities as one record or one order carries them.</summary>
internal sealed record IdentityRow(Guid CustomerId, string? Device, string? Email, string? Phone, string? Address);

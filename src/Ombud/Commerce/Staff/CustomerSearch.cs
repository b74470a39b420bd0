using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Staff;

/// <summary>
/// The staff desk's customer search: by name, e-mail or phone (a part of any, case ignored) or by an order's
/// reference (the merchant's order number, or the order's or customer's id, exactly). Every search is audited; the
/// query itself is not written down, because it is personal data that erasure could not find again.
/// </summary>
public sealed class CustomerSearch(OmbudDb db, AuditLog audit)
{
    public const int MinLength = 2;
    public const int MaxLength = 200;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const string Searched = "customer.searched";

    /// <summary>Finds and audits, as the API does.</summary>
    public async Task<Outcome<List<CustomerMatch>>> SearchAsync(string? query, int? limit, string actor, CancellationToken ct)
    {
        var found = await FindAsync(query, limit, ct);
        if (found.Succeeded)
        {
            await RecordAsync(actor, found.Value!.Count, ct);
        }

        return found;
    }

    /// <summary>Writes one search into the audit log: who searched and how many were found, never for whom.</summary>
    public Task RecordAsync(string actor, int found, CancellationToken ct) =>
        audit.RecordAloneAsync(actor, Searched, "customers", $"{found} found", ct);

    /// <summary>The customers matching <paramref name="query"/>, order references first, then by name; not audited (<see cref="SearchAsync"/>).</summary>
    public async Task<Outcome<List<CustomerMatch>>> FindAsync(string? query, int? limit, CancellationToken ct)
    {
        var text = query?.Trim() ?? "";
        if (text.Length is < MinLength or > MaxLength)
        {
            return Invalid.Field("q", $"Between {MinLength} and {MaxLength} characters: a name, e-mail, phone number or order reference.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Invalid.Field("limit", $"Between 1 and {MaxLimit}.");
        }

        var take = limit ?? DefaultLimit;
        var matches = new Dictionary<Guid, CustomerMatch>();
        foreach (var match in await ByOrderAsync(text, ct))
        {
            matches.TryAdd(match.Id, match);
        }

        var lower = text.ToLowerInvariant();
        // lower(…) LIKE in both databases; EF does not translate Contains with a StringComparison.
#pragma warning disable CA1862
        var people = await db.Set<Customer>().AsNoTracking()
            .Where(c => c.Name.ToLower().Contains(lower) || c.Email.ToLower().Contains(lower) || (c.Phone != null && c.Phone.Contains(text)))
            .OrderBy(c => c.Name).ThenBy(c => c.Id).Take(take)
            .Select(c => new { c.Id, c.Name, c.Email, c.Phone, c.Market }).ToListAsync(ct);
#pragma warning restore CA1862
        foreach (var c in people)
        {
            var on = c.Name.Contains(text, StringComparison.OrdinalIgnoreCase) ? "name"
                : c.Email.Contains(text, StringComparison.OrdinalIgnoreCase) ? "e-mail" : "phone";
            matches.TryAdd(c.Id, new CustomerMatch(c.Id, c.Name, c.Email, c.Phone, c.Market, on, null));
        }

        return matches.Values.Take(take).ToList();
    }

    /// <summary>The customer behind an order reference, or an id of a customer or order.</summary>
    private async Task<List<CustomerMatch>> ByOrderAsync(string text, CancellationToken ct)
    {
        var id = Guid.TryParse(text, out var parsed) ? parsed : (Guid?)null;
        var orders = db.Set<Order>().AsNoTracking().Where(o => o.ExternalId == text || o.Id == id);
        var byOrder = await orders.Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new { c.Id, c.Name, c.Email, c.Phone, c.Market, o.ExternalId, OrderId = o.Id })
            .Take(MaxLimit).ToListAsync(ct);
        var result = byOrder.Select(x => new CustomerMatch(x.Id, x.Name, x.Email, x.Phone, x.Market, "order", x.ExternalId ?? x.OrderId.ToString())).ToList();
        var on = id is null ? "customer reference" : "id";
        result.AddRange(await db.Set<Customer>().AsNoTracking().Where(c => c.Id == id || c.ExternalId == text)
            .Select(c => new CustomerMatch(c.Id, c.Name, c.Email, c.Phone, c.Market, on, null)).ToListAsync(ct));
        return result;
    }
}

/// <summary>A customer a search found, and what matched: name, e-mail, phone, order (with its reference), id or customer reference.</summary>
public sealed record CustomerMatch(Guid Id, string Name, string Email, string? Phone, string Market, string MatchedOn, string? OrderReference);

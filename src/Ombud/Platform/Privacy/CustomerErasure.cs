using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Privacy;

/// <summary>
/// Erases a customer: every module pseudonymises what it holds, in one unit of work with the audit entry, so either
/// all of it happened and is audited or nothing did. Refused (409) while a module says the law still needs the
/// customer known: an open dispute, money owed either way (docs/security.md, "Data rights").
/// </summary>
public sealed class CustomerErasure(IEnumerable<ICustomerDataHolder> holders, OmbudDb db, UnitOfWork unitOfWork, AuditLog audit, TimeProvider clock)
{
    /// <summary>Why the customer may not be erased now; null when they may.</summary>
    public async Task<string?> BlockerAsync(Guid customerId, CancellationToken ct)
    {
        var reasons = new List<string>();
        foreach (var holder in holders.OrderBy(h => h.Module, StringComparer.Ordinal))
        {
            if (await holder.ErasureBlockerAsync(customerId, ct) is { } reason)
            {
                reasons.Add(reason);
            }
        }

        return reasons.Count == 0 ? null : $"Customer {customerId} cannot be erased yet: {string.Join("; ", reasons)}.";
    }

    /// <summary>Erases the customer; records touched per module. NotFound for a customer nobody holds, Conflict while blocked.</summary>
    /// <param name="actor">Who asked, as the audit log names them (<c>user:…</c>, <c>apikey:…</c>, <c>cli</c>).</param>
    public Task<Outcome<CustomerErased>> EraseAsync(Guid customerId, string actor, CancellationToken ct) =>
        unitOfWork.RunAsync<CustomerErased>(async token =>
        {
            if (await BlockerAsync(customerId, token) is { } blocked)
            {
                return new Conflict(blocked);
            }

            var scope = new CustomerErasureScope(customerId, $"erased-{customerId:N}", clock.GetUtcNow().UtcDateTime);
            var touched = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var subjects = new List<string>();
            foreach (var holder in holders)
            {
                var erased = await holder.EraseAsync(scope, token);
                touched[holder.Module] = erased.Count;
                subjects.AddRange(erased.AuditSubjects);
            }

            if (touched.Values.Sum() == 0)
            {
                return new NotFound("customer", customerId.ToString());
            }

            // Who did what to her records, and when, stays; the details may quote her (a dispute's note, a sign-in's
            // address), so they go. Earlier privacy acts' details hold only counts and stay.
            var entries = await db.AuditEntries.Where(e => subjects.Contains(e.Subject) && e.Detail != null && !e.Action.StartsWith("privacy.")).ToListAsync(token);
            entries.ForEach(e => e.RedactDetail(CustomerErasureScope.Removed));
            touched["audit"] = entries.Count;

            audit.Record(actor, "privacy.erased", $"customer:{customerId}", string.Join(", ", touched.Select(t => $"{t.Key}={t.Value}")));
            return new CustomerErased(customerId, scope.Pseudonym, touched);
        }, ct, "The customer");
}

/// <summary>A done erasure: the pseudonym the customer now goes by and how many records each module changed.</summary>
public sealed record CustomerErased(Guid CustomerId, string Pseudonym, IReadOnlyDictionary<string, int> Records);

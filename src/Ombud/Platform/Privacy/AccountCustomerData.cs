using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Platform.Webhooks;

namespace Ombud.Platform.Privacy;

/// <summary>
/// Platform's part of a customer's data rights: the shopper's sign-in account, the idempotency answers it was given,
/// the audit details of its sign-ins (their IP address), and the copies of the customer's personal fields in stored events and webhook messages. Erasure removes the account
/// (the shopper can no longer sign in), the answers, and those fields.
/// </summary>
internal sealed class AccountCustomerData(OmbudDb db) : ICustomerDataHolder
{
    public string Module => "platform";

    public async Task<CustomerDataPart> ExportAsync(Guid customerId, CancellationToken ct)
    {
        var accounts = await db.Users.AsNoTracking().Where(u => u.CustomerId == customerId)
            .Select(u => new { u.Id, u.UserName, u.Email, u.EmailConfirmed, u.DisplayName, u.PhoneNumber, u.CustomerId, u.LockoutEnd })
            .ToListAsync(ct);
        if (accounts.Count == 0)
        {
            return CustomerDataPart.Empty;
        }

        return new CustomerDataPart(new Dictionary<string, object> { ["accounts"] = accounts }, new Dictionary<string, byte[]>(),
            [.. accounts.Select(a => $"user:{a.Id}")]);
    }

    public Task<string?> ErasureBlockerAsync(Guid customerId, CancellationToken ct) => Task.FromResult<string?>(null);

    public async Task<ErasedRecords> EraseAsync(CustomerErasureScope scope, CancellationToken ct)
    {
        var users = await db.Users.Where(u => u.CustomerId == scope.CustomerId).ToListAsync(ct);
        var actors = users.Select(u => $"user:{u.Id}").ToList();
        // Their roles, claims, logins and tokens go with them (cascade).
        db.Users.RemoveRange(users);
        var answers = await db.IdempotencyRecords.Where(r => actors.Contains(r.Caller)).ToListAsync(ct);
        db.IdempotencyRecords.RemoveRange(answers);

        var id = scope.CustomerId.ToString();
        var events = await db.Set<OutboxMessage>().Where(m => m.Payload.Contains(id)).ToListAsync(ct);
        var scrubbed = 0;
        foreach (var message in events)
        {
            var payload = PersonalFields.Remove(message.Payload);
            if (payload != message.Payload)
            {
                message.Rewrite(payload);
                scrubbed++;
            }
        }

        foreach (var message in await db.Set<WebhookMessage>().Where(m => m.Body.Contains(id)).ToListAsync(ct))
        {
            var body = PersonalFields.Remove(message.Body);
            if (body != message.Body)
            {
                message.Rewrite(body);
                scrubbed++;
            }
        }

        // Their sign-ins' audit details held the address they signed in from: the desk redacts those by subject.
        return new ErasedRecords(users.Count + answers.Count + scrubbed, actors);
    }
}

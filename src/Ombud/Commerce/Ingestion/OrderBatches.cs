using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Idempotency;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Ingestion;

/// <summary>
/// An order feed's batch (<c>POST /api/v1/orders/batch</c>). Each order is judged on its own, per item: every valid
/// order is stored, every other one refused with its problem, and the answer lists each. A feed's one bad order (an
/// unknown customer, a typo upstream) must not hold back the hundred good ones around it, and a client that retries
/// the same batch gets the good ones back as "existed", so it only has to fix the bad. What is stored is written in
/// one transaction with the answer, so it is exactly what the answer says; a write that clashes with a racing
/// request stores nothing at all (409, retry the batch).
/// </summary>
internal sealed class OrderBatches(OmbudDb db, CommerceIngestion ingestion, IdempotentRequests idempotency, TimeProvider clock)
{
    /// <summary>Orders in one batch: the answer and the transaction stay small enough to hold in a request.</summary>
    public const int MaxOrders = 500;

    /// <summary>Room for <see cref="MaxOrders"/> orders of a few lines each.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    private const string OrdersPath = "/api/v1/orders";

    public async Task<Outcome<OrderBatchResponse>> PlaceAsync(string caller, OrderBatchRequest request, CancellationToken ct)
    {
        if (request.Orders is not { Count: > 0 and <= MaxOrders } items)
        {
            return Invalid.Field("orders", $"A batch has 1 to {MaxOrders} orders.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var results = new OrderBatchResult?[items.Count];
        var hashes = new string?[items.Count];
        var firstOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstOfExternalId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            results[i] = Check(i, items[i], now, firstOfKey, firstOfExternalId);
            if (results[i] is null && items[i]!.IdempotencyKey is not null)
            {
                // The hash a single POST /orders of this order would have, so the key means the same in both.
                hashes[i] = idempotency.HashOf("POST", OrdersPath, items[i]!.Order);
            }
        }

        var pending = Enumerable.Range(0, items.Count).Where(i => results[i] is null).ToList();
        var earlier = await idempotency.FindAsync(caller, [.. pending.Select(i => items[i]!.IdempotencyKey).OfType<string>()], ct);
        foreach (var i in pending.Where(i => items[i]!.IdempotencyKey is { } key && earlier.ContainsKey(key)))
        {
            var record = earlier[items[i]!.IdempotencyKey!];
            results[i] = record.RequestHash == hashes[i]
                ? Result(i, items[i], OrderBatchStatus.Existed, Guid.Parse(record.Location[(record.Location.LastIndexOf('/') + 1)..]), null)
                : Refused(i, items[i], 409, $"The idempotency key '{record.Key}' was already used with a different order.", $"orders[{i}].idempotencyKey");
        }

        pending.RemoveAll(i => results[i] is not null);
        await RefuseTakenExternalIdsAsync(items, results, pending, ct);
        await RefuseUnknownPartiesAsync(items, results, pending, ct);
        foreach (var i in pending.Where(i => results[i] is null))
        {
            var order = ingestion.PlaceOrder(items[i]!.Order!);
            var location = $"{OrdersPath}/{order.Id}";
            if (items[i]!.IdempotencyKey is { } key)
            {
                idempotency.Remember(caller, key, hashes[i]!, StatusCodes.Status201Created, location, null);
            }

            results[i] = Result(i, items[i], OrderBatchStatus.Created, order.Id, null);
        }

        var all = results.Select(r => r!).ToList();
        return new OrderBatchResponse(all.Count(r => r.Status == OrderBatchStatus.Created), all.Count(r => r.Status == OrderBatchStatus.Existed),
            all.Count(r => r.Status == OrderBatchStatus.Refused), all);
    }

    /// <summary>What can be judged of one item without the database: its shape, its fields, repeats within the batch.</summary>
    private static OrderBatchResult? Check(int i, OrderBatchItem? item, DateTime now, Dictionary<string, int> firstOfKey, Dictionary<string, int> firstOfExternalId)
    {
        var at = $"orders[{i}]";
        if (item?.Order is not { } order)
        {
            return Refused(i, item, Invalid.Field(item is null ? at : $"{at}.order", "Required."));
        }

        if (IdempotentRequests.CheckKey($"{at}.idempotencyKey", item.IdempotencyKey) is Invalid badKey)
        {
            return Refused(i, item, badKey);
        }

        var v = OrderChecks.Validate(order, now);
        if (!v.IsValid)
        {
            return Refused(i, item, new Invalid(v.ToError().Errors.ToDictionary(e => $"{at}.order.{e.Key}", e => e.Value, StringComparer.Ordinal)));
        }

        if (item.IdempotencyKey is { } key && !firstOfKey.TryAdd(key, i))
        {
            return Refused(i, item, 409, $"orders[{firstOfKey[key]}] of this batch has the same idempotency key.", $"{at}.idempotencyKey");
        }

        if (order.ExternalId is { } externalId && !firstOfExternalId.TryAdd(externalId, i))
        {
            return Refused(i, item, 409, $"orders[{firstOfExternalId[externalId]}] of this batch has the same externalId.", $"{at}.order.externalId");
        }

        return null;
    }

    /// <summary>
    /// An externalId another order has is refused here, so the rest can be stored; one taken by a racing request
    /// after this look-up is still settled by the unique index, and then nothing of the batch is stored.
    /// </summary>
    private async Task RefuseTakenExternalIdsAsync(IReadOnlyList<OrderBatchItem?> items, OrderBatchResult?[] results, List<int> pending, CancellationToken ct)
    {
        var wanted = pending.Select(i => items[i]!.Order!.ExternalId).OfType<string>().ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var taken = (await db.Set<Order>().Where(o => o.ExternalId != null && wanted.Contains(o.ExternalId)).Select(o => o.ExternalId!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var i in pending.Where(i => items[i]!.Order!.ExternalId is { } id && taken.Contains(id)))
        {
            results[i] = Refused(i, items[i], 409, "Another order already has this externalId. To retry an order safely, send the same idempotency key.",
                $"orders[{i}].order.externalId");
        }
    }

    private async Task RefuseUnknownPartiesAsync(IReadOnlyList<OrderBatchItem?> items, OrderBatchResult?[] results, List<int> pending, CancellationToken ct)
    {
        var orders = pending.Where(i => results[i] is null).Select(i => (Index: i, Order: items[i]!.Order!)).ToList();
        if (orders.Count == 0)
        {
            return;
        }

        var known = await ingestion.PartiesAsync([.. orders.Select(o => o.Order.CustomerId!.Value).Distinct()],
            [.. orders.Select(o => o.Order.MerchantId!.Value).Distinct()], ct);
        foreach (var (i, order) in orders)
        {
            var v = new Validation().Parties(order, known);
            if (!v.IsValid)
            {
                results[i] = Refused(i, items[i], new Invalid(v.ToError().Errors.ToDictionary(e => $"orders[{i}].order.{e.Key}", e => e.Value, StringComparer.Ordinal)));
            }
        }
    }

    private static OrderBatchResult Result(int i, OrderBatchItem? item, OrderBatchStatus status, Guid? id, ItemProblem? problem) =>
        new(i, item?.IdempotencyKey, status, id, id is null ? null : $"{OrdersPath}/{id}", problem);

    private static OrderBatchResult Refused(int i, OrderBatchItem? item, Invalid invalid) =>
        Result(i, item, OrderBatchStatus.Refused, null, new ItemProblem(StatusCodes.Status400BadRequest, "The order has invalid fields.",
            invalid.Detail, invalid.Errors));

    private static OrderBatchResult Refused(int i, OrderBatchItem? item, int status, string detail, string field) =>
        Result(i, item, OrderBatchStatus.Refused, null, new ItemProblem(status, "Conflict with the current state.", detail,
            new Dictionary<string, string[]> { [field] = [detail] }));
}

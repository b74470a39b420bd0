namespace Ombud.Bench.Ingest.Api;

/// <summary>A batch as <c>POST /api/v1/orders/batch</c> takes it: each order with its own idempotency key.</summary>
internal sealed record OrderBatchPayload(IReadOnlyList<OrderBatchItemPayload> Orders);

internal sealed record OrderBatchItemPayload(string IdempotencyKey, OrderPayload Order);

/// <summary>The counts of a batch's answer: every order of the bench's batches must be created.</summary>
internal sealed record OrderBatchAnswer(int Created, int Existed, int Refused);

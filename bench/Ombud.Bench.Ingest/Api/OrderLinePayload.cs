namespace Ombud.Bench.Ingest.Api;

/// <summary>One order line; <see cref="UnitPrice"/> is in minor units of the order's currency.</summary>
internal sealed record OrderLinePayload(string Sku, string Description, int Quantity, long UnitPrice);

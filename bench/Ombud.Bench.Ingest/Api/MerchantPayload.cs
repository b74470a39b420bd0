namespace Ombud.Bench.Ingest.Api;

internal sealed record MerchantPayload(string ExternalId, string Name, string CategoryCode, string Country);

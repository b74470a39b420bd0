namespace Ombud.Bench.Ingest.Api;

internal sealed record AddressPayload(string Line1, string City, string PostalCode, string Country);

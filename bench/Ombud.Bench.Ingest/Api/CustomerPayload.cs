namespace Ombud.Bench.Ingest.Api;

internal sealed record CustomerPayload(
    string ExternalId,
    string Name,
    string Email,
    string Phone,
    string Locale,
    string Market,
    string KycLevel,
    DateTime AccountCreatedAt,
    AddressPayload Address);

namespace Ombud.Bench.Ingest.Api;

/// <summary>The part of a 201 body the bench needs; the API returns more.</summary>
internal sealed record CreatedResource(Guid Id);

namespace Ombud.Bench.Ingest.Fakes;

/// <summary>A catalogue item priced in euro cents; each market converts it to its own currency.</summary>
internal sealed record Product(string Sku, string Description, long EuroCents);

namespace Ombud.Bench.Ingest.Seeding;

/// <summary>The merchants and customers created before the load; orders draw from them.</summary>
internal sealed record World(string RunId, IReadOnlyList<SeededMerchant> Merchants, IReadOnlyList<SeededCustomer> Customers);

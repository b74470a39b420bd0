namespace Ombud.Bench.Ingest.Fakes;

/// <summary>An ISO 18245 merchant category and what a shop of that kind sells, so basket contents match the shop.</summary>
internal sealed record MerchantCategory(string Code, IReadOnlyList<string> NameWords, IReadOnlyList<Product> Products);

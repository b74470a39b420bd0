using Ombud.Bench.Ingest.Fakes;

namespace Ombud.Bench.Ingest.Seeding;

internal sealed record SeededMerchant(Guid Id, MerchantCategory Category);

namespace Ombud.Bench.Ingest.Seeding;

internal sealed record SeedOutcome(World? World, string? Failure)
{
    public static SeedOutcome Seeded(World world) => new(world, null);

    public static SeedOutcome Failed(string failure) => new(null, failure);
}

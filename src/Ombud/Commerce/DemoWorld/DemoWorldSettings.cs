namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// What a demo world is a function of. The same three values build the same world, row for row and id for id.
/// <paramref name="AsOf"/> is the world's "today" (midnight UTC starts it): orders fill the twelve months before it,
/// instalments due after it are unpaid. It defaults to the clock's date, so a fresh demo always looks current; pass it
/// explicitly to rebuild an earlier world exactly.
/// </summary>
internal sealed record DemoWorldSettings(int Customers, int Seed, DateOnly AsOf)
{
    public const int DefaultCustomers = 500;
    public const int DefaultSeed = 42;
    public const int MaxCustomers = 1_000_000;

    /// <summary>The instant the world stands at: nothing in it happens at or after this.</summary>
    public DateTime Now => AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime WindowStart => Now.AddDays(-365);

    /// <summary>About one merchant per twenty customers, never fewer than a dozen, so every category is there.</summary>
    public int Merchants => Math.Max(12, Customers / 20);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

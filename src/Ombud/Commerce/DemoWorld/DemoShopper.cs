namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// A customer as the world knows them, beyond what the <see cref="Customer"/> row holds: where they send parcels,
/// which devices and connections they shop from, and how they pay. What makes their orders look like theirs.
/// </summary>
internal sealed class DemoShopper
{
    public required Customer Customer { get; init; }

    public required DemoMarket Market { get; init; }

    public required Address Home { get; init; }

    /// <summary>A second place parcels go now and then (work, a partner's flat), if they have one.</summary>
    public Address? Other { get; init; }

    /// <summary>Device fingerprints; the first is their phone, which the app runs on.</summary>
    public required IReadOnlyList<string> Devices { get; init; }

    public required string HomeIp { get; init; }

    /// <summary>The /64 their phone's carrier gives them; app orders come from addresses inside it.</summary>
    public required string MobilePrefix { get; init; }

    public required PayingHabit Habit { get; init; }

    /// <summary>How they pay an invoice (pay in 30 days).</summary>
    public required PaymentMethod InvoiceMethod { get; init; }

    public string MobileIp(DemoRandom random) => $"{MobilePrefix}::{random.Next(0xFFFF) + 1:x}";
}

/// <summary>How a customer pays: the chance each instalment is paid late, and the chance they give up on a plan.</summary>
internal sealed record PayingHabit(int LatePercent, int DefaultPercent)
{
    public static readonly PayingHabit Reliable = new(3, 0);
    public static readonly PayingHabit SometimesLate = new(25, 2);
    public static readonly PayingHabit Struggling = new(45, 20);

    public static readonly IReadOnlyList<(PayingHabit Habit, int Weight)> Weighted = [(Reliable, 75), (SometimesLate, 18), (Struggling, 7)];
}

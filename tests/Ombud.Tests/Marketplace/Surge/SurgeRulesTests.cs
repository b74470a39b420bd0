using Ombud.Marketplace.Surge;

namespace Ombud.Tests.Marketplace.Surge;

/// <summary>The level from the pressure: reached at its threshold, left only clearly below it; the pressure from demand and capacity.</summary>
public sealed class SurgeRulesTests
{
    private static readonly SurgeOptions Options = new();

    [Theory]
    [InlineData(SurgeLevel.None, 0, SurgeLevel.None)]
    [InlineData(SurgeLevel.None, 699, SurgeLevel.None)]
    [InlineData(SurgeLevel.None, 700, SurgeLevel.Busy)]
    [InlineData(SurgeLevel.None, 950, SurgeLevel.Surge)]
    [InlineData(SurgeLevel.Busy, 1200, SurgeLevel.HighSurge)]
    [InlineData(SurgeLevel.Busy, 650, SurgeLevel.Busy)]
    [InlineData(SurgeLevel.Busy, 600, SurgeLevel.Busy)]
    [InlineData(SurgeLevel.Busy, 599, SurgeLevel.None)]
    [InlineData(SurgeLevel.Surge, 850, SurgeLevel.Surge)]
    [InlineData(SurgeLevel.Surge, 799, SurgeLevel.Busy)]
    [InlineData(SurgeLevel.HighSurge, 1100, SurgeLevel.HighSurge)]
    [InlineData(SurgeLevel.HighSurge, 1099, SurgeLevel.Surge)]
    [InlineData(SurgeLevel.HighSurge, 0, SurgeLevel.None)]
    [InlineData(SurgeLevel.HighSurge, SurgeRules.NoSupplyPerMille, SurgeLevel.HighSurge)]
    public void The_level_rises_at_a_threshold_and_falls_only_below_it_by_the_hysteresis(SurgeLevel current, int pressure, SurgeLevel expected) =>
        Assert.Equal(expected, SurgeRules.Next(current, pressure, Options));

    [Fact]
    public void A_pressure_hovering_at_a_threshold_does_not_flap()
    {
        var level = SurgeLevel.None;
        var seen = new List<SurgeLevel>();
        foreach (var pressure in new[] { 690, 710, 690, 705, 640, 720, 601 })
        {
            level = SurgeRules.Next(level, pressure, Options);
            seen.Add(level);
        }

        Assert.Equal([SurgeLevel.None, SurgeLevel.Busy, SurgeLevel.Busy, SurgeLevel.Busy, SurgeLevel.Busy, SurgeLevel.Busy, SurgeLevel.Busy], seen);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(3, 4, 750)]
    [InlineData(2.5, 1, 2500)]
    [InlineData(1, 0, SurgeRules.NoSupplyPerMille)]
    public void Pressure_is_demand_over_capacity_in_per_mille_and_without_anyone_online_above_every_threshold(double demand, int capacity, int expected) =>
        Assert.Equal(expected, SurgeRules.Pressure(demand, capacity));

    [Theory]
    [InlineData(0, 1, 1, 300, 1)]
    [InlineData(0, 0, 1, 300, 5)]
    [InlineData(1, 0, 1, 300, 10)]
    [InlineData(5, 2, 4, 240, 4)]
    [InlineData(0, 0, 3, 20, 1)]
    public void The_wait_is_the_places_ahead_not_taken_at_once_served_at_capacity_over_handle_time(int ahead, int free, int capacity, int handle, int minutes) =>
        Assert.Equal(minutes, WaitEstimates.Minutes(ahead, free, capacity, handle));

    [Fact]
    public void The_estimate_is_worded_in_the_shoppers_language_and_never_with_a_number_it_does_not_have()
    {
        Assert.Equal("Beräknad väntetid till en person: cirka 4 minuter. Din plats finns kvar om du lämnar sidan, och du ser här när en person svarar.",
            WaitWording.Of(WaitKind.Minutes, 4, "sv"));
        Assert.Contains("etwa 1 Minute.", WaitWording.Of(WaitKind.Minutes, 1, "de"), StringComparison.Ordinal);
        Assert.Contains("about 2 minutes", WaitWording.Of(WaitKind.Minutes, 2, "fi"), StringComparison.Ordinal);
        var nobody = WaitWording.Of(WaitKind.NobodyOnline, null, "en");
        Assert.StartsWith("We cannot estimate a wait", nobody, StringComparison.Ordinal);
        Assert.DoesNotContain(nobody, char.IsAsciiDigit);
    }

    [Fact]
    public void Multipliers_read_as_people_read_them() =>
        Assert.Equal(["×1", "×1.1", "×1.25", "×1.333"], new[] { 1000, 1100, 1250, 1333 }.Select(SurgeText.Multiplier));
}

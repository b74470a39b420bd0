using Ombud.Commerce.Analytics;

namespace Ombud.Tests.Commerce.Analytics;

/// <summary>The analyst's presets and how a range falls into weeks or months, on Thursday 5 November 2026.</summary>
public sealed class AnalyticsRangeTests
{
    private static readonly DateOnly Today = new(2026, 11, 5);

    [Fact]
    public void The_presets_end_today_and_the_last_twelve_months_start_on_a_first()
    {
        Assert.Equal(new AnalyticsRange(new(2026, 10, 7), Today), AnalyticsRange.LastThirtyDays(Today));
        Assert.Equal(new AnalyticsRange(new(2026, 10, 1), Today), AnalyticsRange.ThisQuarter(Today));
        Assert.Equal(new AnalyticsRange(new(2025, 12, 1), Today), AnalyticsRange.LastTwelveMonths(Today));
        Assert.Equal(new AnalyticsRange(new(2026, 1, 1), new(2026, 3, 31)), AnalyticsRange.ThisQuarter(new(2026, 3, 31)));
    }

    [Fact]
    public void Thirty_days_go_week_by_week_from_monday_with_both_cut_weeks_partial()
    {
        var periods = AnalyticsRange.LastThirtyDays(Today).Periods();
        Assert.All(periods, p => Assert.Equal(PeriodGrain.Week, p.Grain));
        Assert.All(periods, p => Assert.Equal(DayOfWeek.Monday, p.Start.DayOfWeek));
        Assert.Equal(new Period(new(2026, 10, 5), new(2026, 10, 7), new(2026, 10, 11), PeriodGrain.Week, Partial: true), periods[0]);
        Assert.Equal(new Period(new(2026, 11, 2), new(2026, 11, 2), Today, PeriodGrain.Week, Partial: true), periods[^1]);
        Assert.All(periods.Skip(1).SkipLast(1), p => Assert.False(p.Partial));
        Assert.Equal(30, periods.Sum(p => p.To.DayNumber - p.From.DayNumber + 1));
    }

    [Fact]
    public void A_year_goes_month_by_month_and_only_the_running_month_is_partial()
    {
        var periods = AnalyticsRange.LastTwelveMonths(Today).Periods();
        Assert.Equal(12, periods.Count);
        Assert.All(periods, p => Assert.Equal(1, p.Start.Day));
        Assert.Equal([.. Enumerable.Repeat(false, 11), true], periods.Select(p => p.Partial));
        Assert.Equal((new DateOnly(2026, 11, 1), Today), (periods[^1].From, periods[^1].To));
    }

    [Theory]
    [InlineData("2026-11-06", null, "to")]
    [InlineData("2026-11-01", "2026-10-31", "to")]
    [InlineData("2023-11-01", null, "from")]
    [InlineData("05/11/2026", null, "from")]
    [InlineData(null, "2026-02-30", "to")]
    public void A_bad_range_names_its_field(string? from, string? to, string field)
    {
        var outcome = AnalyticsRange.Parse(from, to, Today);
        var invalid = Assert.IsType<Ombud.Platform.Invalid>(outcome.Error);
        Assert.Contains(field, invalid.Errors.Keys);
    }
}

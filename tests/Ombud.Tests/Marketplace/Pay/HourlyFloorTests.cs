using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Marketplace;
using Ombud.Marketplace.Pay;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Pay;

/// <summary>
/// The hourly floor on the test clock: online and available 2 h 30 min with one conversation paid 55.00 SEK, the
/// daily timer tops the day up to 400 SEK an hour (1,000.00 SEK), once; away time and other days pay no floor.
/// </summary>
public sealed class HourlyFloorTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_daily_run_tops_up_a_day_online_to_the_floor_once(Provider provider)
    {
        await using var app = await PayDesk.OpenAsync(provider);
        var clock = app.App.Clock;
        var midnight = clock.GetUtcNow().UtcDateTime.Date.AddDays(1);
        var day = DateOnly.FromDateTime(midnight);
        var maja = await app.Market.AgentAsync("Maja", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        clock.Advance(midnight.AddHours(9) - clock.GetUtcNow().UtcDateTime);
        await app.Market.GoOnlineAsync(maja.Id);
        clock.Advance(TimeSpan.FromHours(1));
        await app.WrappedUpAsync(maja, await app.Market.CustomerAsync());
        clock.Advance(TimeSpan.FromMinutes(30));
        await app.Market.RunAsync<AgentDirectory, Agent>(d => d.GoAwayAsync(maja.Id, default));
        clock.Advance(TimeSpan.FromHours(2));
        await app.Market.GoOnlineAsync(maja.Id);
        clock.Advance(TimeSpan.FromHours(1));
        await app.Market.GoOfflineAsync(maja.Id);
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            await FloorRun.EnsureAsync(scope.ServiceProvider, default);
        }

        var firstNight = await app.Market.AfterAsync(midnight.AddHours(26).AddMinutes(1) - clock.GetUtcNow().UtcDateTime);
        var secondNight = await app.Market.AfterAsync(TimeSpan.FromDays(1));

        Assert.Equal(1, firstNight.GetValueOrDefault(FloorRun.Kind));
        Assert.Equal(0, secondNight.GetValueOrDefault(FloorRun.Kind));
        var entries = await app.App.WithDbAsync(db => db.Set<EarningsEntry>().AsNoTracking().Where(e => e.AgentId == maja.Id).ToListAsync());
        var topUp = Assert.Single(entries, e => e.Kind == EarningsKind.FloorTopUp);
        // Online 09:00–10:30 and 12:30–13:30 (away between): 2 h 30 min at 400 SEK an hour is 1,000.00 SEK, of which the conversation paid 55.00.
        Assert.Equal((day, 100_000L - 5_500L, "SEK"), (topUp.Day, topUp.FloorTopUpMinor, topUp.Currency));
        Assert.Contains("Online 2 h 30 min", topUp.Note, StringComparison.Ordinal);
        Assert.Equal(100_000L, entries.Where(e => e.Day == day).Sum(e => e.TotalMinor));
    }

    [Fact]
    public void Online_time_counts_only_online_stretches_inside_the_day()
    {
        var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddDays(1);

        var overnight = HourlyFloor.OnlineTime(AgentStatus.Online, [(start.AddHours(1), AgentStatus.Offline)], start, end);
        var awayBetween = HourlyFloor.OnlineTime(null,
            [(start.AddHours(8), AgentStatus.Online), (start.AddHours(9), AgentStatus.Away), (start.AddHours(10), AgentStatus.Online)], start, end);
        var neverOnline = HourlyFloor.OnlineTime(AgentStatus.Away, [(start.AddHours(3), AgentStatus.Offline)], start, end);

        Assert.Equal(TimeSpan.FromHours(1), overnight);
        Assert.Equal(TimeSpan.FromHours(1 + 14), awayBetween);
        Assert.Equal(TimeSpan.Zero, neverOnline);
    }
}

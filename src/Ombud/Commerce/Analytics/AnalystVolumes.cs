using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Analytics;

/// <summary>
/// Over a range of days: orders by market and plan type, orders per week or month, and how the instalments that fell
/// due were paid (on time, late, or missed).
/// </summary>
internal sealed class AnalystVolumes(OmbudDb db, TimeProvider clock)
{
    /// <summary>Today in UTC.</summary>
    public DateOnly Today => TodayIn(TimeZoneInfo.Utc);

    /// <summary>Today in <paramref name="zone"/>: the last day a range there may end.</summary>
    public DateOnly TodayIn(TimeZoneInfo zone) => AnalyticsRange.DayOf(clock.GetUtcNow().UtcDateTime, zone);

    /// <summary>
    /// The view of the range a request names, its days counted in <paramref name="timeZone"/> (UTC when none), or the
    /// field it got wrong (<see cref="AnalyticsRange.Parse"/>, <see cref="AnalyticsRange.ReadZone"/>).
    /// </summary>
    public async Task<Outcome<AnalystView>> LoadAsync(string? from, string? to, string? timeZone, CancellationToken cancellationToken)
    {
        var invalid = new Validation();
        var zone = AnalyticsRange.ReadZone(invalid, timeZone);
        var range = AnalyticsRange.Read(invalid, from, to, TodayIn(zone), zone);
        return range is not null ? await LoadAsync(range, cancellationToken) : invalid.ToError();
    }

    public async Task<AnalystView> LoadAsync(AnalyticsRange range, CancellationToken cancellationToken)
    {
        var (start, end, zone) = (range.Start, range.End, range.Zone);
        var today = TodayIn(zone);
        var placed = db.Set<Order>().AsNoTracking().Where(o => o.PlacedAt >= start && o.PlacedAt < end);

        var volumes = await placed
            .Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new { c.Market, Kind = (PlanKind?)o.Plan.Kind, o.Currency, o.TotalMinor })
            .GroupBy(x => new { x.Market, x.Kind, x.Currency })
            .Select(g => new { g.Key.Market, g.Key.Kind, g.Key.Currency, Orders = g.Count(), Minor = g.Sum(x => x.TotalMinor) })
            .ToListAsync(cancellationToken);

        // Only instalments already due say anything about paying on time; cancelled ones (refunded away) say nothing.
        var due = await db.Set<PaymentPlan>().AsNoTracking()
            .SelectMany(p => p.Instalments, (p, i) => new { p.CustomerId, i.DueDate, i.Status })
            .Where(x => x.DueDate >= range.From && x.DueDate <= range.To && x.DueDate < today && x.Status != InstalmentStatus.Cancelled)
            .Join(db.Set<Customer>(), x => x.CustomerId, c => c.Id, (x, c) => new { c.Market, x.Status })
            .GroupBy(x => x.Market)
            .Select(g => new
            {
                Market = g.Key,
                Due = g.Count(),
                OnTime = g.Count(x => x.Status == InstalmentStatus.Paid),
                Late = g.Count(x => x.Status == InstalmentStatus.PaidLate),
                Missed = g.Count(x => x.Status == InstalmentStatus.Missed),
            })
            .ToListAsync(cancellationToken);

        // Counted per UTC hour in the database (both providers translate a timestamp's parts), then each hour put on
        // its day in the viewer's zone and gathered into weeks or months here: at most three years of hours come back,
        // however many orders there are. Exact for zones a whole number of hours from UTC, as every market served is.
        var hourly = await placed
            .GroupBy(o => new { o.PlacedAt.Year, o.PlacedAt.Month, o.PlacedAt.Day, o.PlacedAt.Hour })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, Orders = g.Count() })
            .ToListAsync(cancellationToken);
        var perPeriod = hourly
            .GroupBy(h => range.StartOfPeriod(AnalyticsRange.DayOf(new DateTime(h.Year, h.Month, h.Day, h.Hour, 0, 0, DateTimeKind.Utc), zone)))
            .ToDictionary(g => g.Key, g => g.Sum(h => h.Orders));

        return new AnalystView(
            range,
            [.. volumes
                .OrderBy(v => v.Market, StringComparer.Ordinal).ThenBy(v => v.Kind).ThenBy(v => v.Currency, StringComparer.Ordinal)
                .Select(v => new MarketVolume(v.Market, v.Kind, v.Orders, new Money(v.Minor, v.Currency)))],
            [.. due.OrderBy(d => d.Market, StringComparer.Ordinal).Select(d => new PaymentBehaviour(d.Market, d.Due, d.OnTime, d.Late, d.Missed))],
            [.. range.Periods().Select(p => new PeriodOrders(p.Start, p.From, p.To, p.Grain, p.Partial, perPeriod.GetValueOrDefault(p.Start)))]);
    }
}

public sealed record AnalystView(AnalyticsRange Range, IReadOnlyList<MarketVolume> Volumes, IReadOnlyList<PaymentBehaviour> Payments,
    IReadOnlyList<PeriodOrders> Periods)
{
    public IReadOnlyList<string> Markets => [.. Volumes.Select(v => v.Market).Distinct().Order(StringComparer.Ordinal)];

    public int OrderCount => Volumes.Sum(v => v.Orders);

    public IReadOnlyList<Money> AmountByCurrency =>
        [.. Volumes.GroupBy(v => v.Amount.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Money(g.Sum(v => v.Amount.Minor), g.Key))];

    public PaymentBehaviour Overall => new("All", Payments.Sum(p => p.Due), Payments.Sum(p => p.OnTime), Payments.Sum(p => p.Late), Payments.Sum(p => p.Missed));
}

/// <summary>Orders of one market, plan type and currency. <see cref="Kind"/> is null for orders without a plan.</summary>
public sealed record MarketVolume(string Market, PlanKind? Kind, int Orders, Money Amount);

/// <summary>Of the instalments that fell due: paid on time, paid late, missed; the rest are due but within grace.</summary>
public sealed record PaymentBehaviour(string Market, int Due, int OnTime, int Late, int Missed);

/// <summary>Orders placed in one week or month (<see cref="Period"/>), of which the range covers <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record PeriodOrders(DateOnly Start, DateOnly From, DateOnly To, PeriodGrain Grain, bool Partial, int Orders);

using System.Globalization;
using Ombud.Commerce.Analytics;
using Ombud.Commerce.Contracts;

namespace Ombud.Fraud.Trends;

/// <summary>What a trend is broken down by.</summary>
public enum TrendDimension
{
    All,
    Merchant,
    Category,
    Channel,
    Market,

    /// <summary>The fraud's pattern (<see cref="FraudPatterns"/>): each series counts all labelled orders, and as fraud only its pattern's.</summary>
    Pattern,
}

/// <summary>Fraud losses in one currency, in minor units.</summary>
public sealed record TrendLoss(string Currency, long Minor);

/// <summary>
/// One week (Monday 00:00 UTC onwards) of one series: labelled orders, fraud among them, the rate, losses, and whether
/// the rate rose beyond what chance explains against the week before (<see cref="Z"/> ≥ <see cref="FraudTrends.AnomalyZ"/>).
/// <see cref="Partial"/>: the week is not over yet, or the range cuts it (only its days in the range are counted).
/// </summary>
public sealed record TrendWeek(DateOnly Week, bool Partial, int Orders, int Fraud, double Rate, IReadOnlyList<TrendLoss> Losses, double? Z, bool Anomaly);

public sealed record TrendSeries(string Value, IReadOnlyList<TrendWeek> Weeks);

/// <param name="From">The range's first day; the first week may start before it.</param>
/// <param name="To">The range's last day.</param>
public sealed record TrendReport(TrendDimension By, DateOnly From, DateOnly To, DateTime AsOf, IReadOnlyList<TrendSeries> Series);

/// <summary>
/// Weekly fraud rate and losses by merchant, category, channel, market or fraud pattern, over the labelled orders, with
/// week-over-week anomalies flagged.
/// </summary>
/// <remarks>
/// An anomaly is a binomial z-score: the week's fraud count against what the previous week's rate predicts for the
/// week's number of labelled orders, z = (x − n·p) / √(n·p·(1−p)). The previous rate is smoothed
/// ((fraud + 0.5) / (orders + 1)) so a week without fraud does not make any fraud look infinitely surprising. A rise with
/// z ≥ 3 and at least <see cref="MinFraud"/> fraud orders is flagged; falls are not (nobody needs paging for less fraud).
/// The current week is partial (marked): its n is smaller, which the binomial variance already allows for.
/// </remarks>
internal sealed class FraudTrends(FraudTrendHistory history, FraudPatterns patterns, TimeProvider clock)
{
    public const double AnomalyZ = 3;
    public const int MinFraud = 3;
    public const int MaxWeeks = 52;
    public const int MaxSeries = 20;

    /// <summary>The last <paramref name="weeks"/> weeks, this one included.</summary>
    public Task<TrendReport> WeeklyAsync(TrendDimension by, int weeks, CancellationToken ct) => InRangeAsync(by, LastWeeks(weeks), ct);

    /// <summary>Today, as the trends count days (UTC).</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>From the Monday <paramref name="weeks"/> − 1 weeks back to today.</summary>
    public AnalyticsRange LastWeeks(int weeks) => new(WeekOf(clock.GetUtcNow().UtcDateTime).AddDays(-7 * (weeks - 1)), Today);

    /// <summary>The weeks that meet <paramref name="range"/>, counting only the orders placed within its days.</summary>
    public async Task<TrendReport> InRangeAsync(TrendDimension by, AnalyticsRange range, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var thisWeek = WeekOf(now);
        var from = WeekOf(range.Start);
        var weeks = ((WeekOf(range.To.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).DayNumber - from.DayNumber) / 7) + 1;
        var orders = (await history.OrdersSinceAsync(range.Start, ct)).Where(o => o.PlacedAt < range.End);
        var labels = await history.LabelsAsync(ct);
        var labelled = orders.Where(o => labels.ContainsKey(o.OrderId)).Select(o => (Order: o, Fraud: labels[o.OrderId])).ToList();
        bool Partial(DateOnly week) => week >= thisWeek || week < range.From || week.AddDays(6) > range.To;
        var groups = by == TrendDimension.Pattern
            ? await ByPatternAsync(labelled, ct)
            : labelled.GroupBy(x => ValueOf(x.Order, by)).Select(g => (Value: g.Key, Rows: g.ToList())).ToList();
        var series = groups
            .OrderByDescending(g => g.Rows.Count(x => x.Fraud)).ThenBy(g => g.Value, StringComparer.Ordinal)
            .Take(MaxSeries)
            .Select(g => new TrendSeries(g.Value, Weeks(g.Rows, from, weeks, Partial)))
            .ToList();
        return new TrendReport(by, range.From, range.To, now, series);
    }

    /// <summary>
    /// A series per pattern, each over every labelled order (so the rate is the pattern's share of all orders and its
    /// anomalies are rises of that pattern), with only that pattern's orders counted as fraud.
    /// </summary>
    private async Task<List<(string Value, List<(TrendOrder Order, bool Fraud)> Rows)>> ByPatternAsync(List<(TrendOrder Order, bool Fraud)> labelled,
        CancellationToken ct)
    {
        var of = await patterns.OfAsync(labelled.Where(x => x.Fraud).Select(x => x.Order.OrderId), ct);
        return
        [
            .. of.Values.Distinct(StringComparer.Ordinal)
                .Select(p => (p, labelled.Select(x => (x.Order, Fraud: x.Fraud && of[x.Order.OrderId] == p)).ToList())),
        ];
    }

    public static DateOnly WeekOf(DateTime at)
    {
        var day = DateOnly.FromDateTime(at);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    /// <summary>The binomial z-score of <paramref name="fraud"/> in <paramref name="orders"/> against the previous week's smoothed rate.</summary>
    public static double? ZScore(int fraud, int orders, int previousFraud, int previousOrders)
    {
        if (orders == 0 || previousOrders == 0)
        {
            return null;
        }

        var p = (previousFraud + 0.5) / (previousOrders + 1);
        return Math.Round((fraud - (orders * p)) / Math.Sqrt(orders * p * (1 - p)), 2);
    }

    private static List<TrendWeek> Weeks(List<(TrendOrder Order, bool Fraud)> rows, DateOnly from, int weeks, Func<DateOnly, bool> partial)
    {
        var byWeek = rows.ToLookup(x => WeekOf(x.Order.PlacedAt));
        var result = new List<TrendWeek>(weeks);
        var (previousFraud, previousOrders) = (0, 0);
        for (var i = 0; i < weeks; i++)
        {
            var week = from.AddDays(7 * i);
            var these = byWeek[week].ToList();
            var fraud = these.Count(x => x.Fraud);
            var z = ZScore(fraud, these.Count, previousFraud, previousOrders);
            var losses = these.Where(x => x.Fraud).GroupBy(x => x.Order.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new TrendLoss(g.Key, g.Sum(x => x.Order.TotalMinor))).ToList();
            result.Add(new TrendWeek(week, partial(week), these.Count, fraud, these.Count == 0 ? 0 : Math.Round(fraud / (double)these.Count, 4), losses, z,
                z >= AnomalyZ && fraud >= MinFraud));
            (previousFraud, previousOrders) = (fraud, these.Count);
        }

        return result;
    }

    private static string ValueOf(TrendOrder order, TrendDimension by) => by switch
    {
        TrendDimension.Merchant => order.Merchant,
        TrendDimension.Category => order.Category,
        TrendDimension.Channel => order.Channel.ToLower(CultureInfo.InvariantCulture),
        TrendDimension.Market => order.Market,
        _ => "all",
    };
}

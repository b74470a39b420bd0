using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Ombud.Commerce.Pages;
using Ombud.Web;

namespace Ombud.Commerce.Analytics;

/// <summary>The charts of the analyst's home, each of which downloads as CSV.</summary>
internal enum AnalyticsChart
{
    OrdersByMarket,
    OrdersOverTime,
    InstalmentsDue,
}

/// <summary>
/// A chart's data as CSV: a header row, ISO days, whole numbers; money as integer minor units beside its currency,
/// then once more formatted for the person who downloaded it (their language, <see cref="Display.Money(Platform.Money)"/>).
/// </summary>
internal static class AnalyticsCsv
{
    private static readonly CsvConfiguration Format = new(CultureInfo.InvariantCulture)
    {
        // A market code or a store's name comes from a provider's feed: a cell starting "=" must not become a formula.
        InjectionOptions = InjectionOptions.Escape,
    };

    public static string FileName(AnalyticsChart chart, AnalyticsRange range) =>
        $"{Slug(chart)}-{AnalyticsRange.Iso(range.From)}-to-{AnalyticsRange.Iso(range.To)}.csv";

    public static byte[] Write(AnalyticsChart chart, AnalystView view)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Format))
        {
            var (from, to) = (AnalyticsRange.Iso(view.Range.From), AnalyticsRange.Iso(view.Range.To));
            switch (chart)
            {
                case AnalyticsChart.OrdersByMarket:
                    Row(csv, "from", "to", "market", "plan_type", "orders", "amount_minor", "currency", "amount");
                    foreach (var v in view.Volumes)
                    {
                        Row(csv, from, to, v.Market, v.Kind is { } kind ? CommerceWords.Plan(kind) : "No plan", Number(v.Orders),
                            Number(v.Amount.Minor), v.Amount.Currency, Display.Money(v.Amount));
                    }

                    break;
                case AnalyticsChart.OrdersOverTime:
                    Row(csv, "period", "period_start", "from", "to", "partial", "orders");
                    foreach (var p in view.Periods)
                    {
                        Row(csv, p.Grain == PeriodGrain.Month ? "month" : "week", AnalyticsRange.Iso(p.Start), AnalyticsRange.Iso(p.From),
                            AnalyticsRange.Iso(p.To), p.Partial ? "true" : "false", Number(p.Orders));
                    }

                    break;
                case AnalyticsChart.InstalmentsDue:
                    Row(csv, "from", "to", "market", "due", "on_time", "late", "missed");
                    foreach (var p in view.Payments)
                    {
                        Row(csv, from, to, p.Market, Number(p.Due), Number(p.OnTime), Number(p.Late), Number(p.Missed));
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(chart), chart, "A chart without a CSV form.");
            }
        }

        // With a byte order mark, so a spreadsheet opening the file reads "kr" and "€" as written.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>"orders-by-market": the chart in a file name and the audit log.</summary>
    public static string Slug(AnalyticsChart chart) => chart switch
    {
        AnalyticsChart.OrdersByMarket => "orders-by-market",
        AnalyticsChart.OrdersOverTime => "orders-over-time",
        _ => "instalments-due",
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Row(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }
}

using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Ombud.Commerce.Analytics;
using Ombud.Platform;
using Ombud.Web;

namespace Ombud.Fraud.Trends;

/// <summary>
/// A trends report as CSV, like the analyst's charts: a header row, ISO days, rates as fractions, and losses as integer
/// minor units beside their currency, then formatted for the person who downloaded it. One row per series, week and
/// currency of losses (a week without losses has one row with none).
/// </summary>
internal static class TrendCsv
{
    private static readonly CsvConfiguration Format = new(CultureInfo.InvariantCulture)
    {
        // A store's name comes from a provider's feed: a cell starting "=" must not become a formula.
        InjectionOptions = InjectionOptions.Escape,
    };

    public static string FileName(TrendReport report) =>
        $"fraud-trends-by-{report.By.ToString().ToLowerInvariant()}-{AnalyticsRange.Iso(report.From)}-to-{AnalyticsRange.Iso(report.To)}.csv";

    public static byte[] Write(TrendReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Format))
        {
            foreach (var header in new[] { "by", "value", "week_start", "partial", "orders", "fraud", "rate", "z", "anomaly", "loss_minor", "currency", "loss" })
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var series in report.Series)
            {
                foreach (var week in series.Weeks)
                {
                    foreach (var loss in week.Losses.Count == 0 ? [null] : week.Losses.Cast<TrendLoss?>())
                    {
                        csv.WriteField(report.By.ToString().ToLowerInvariant());
                        csv.WriteField(series.Value);
                        csv.WriteField(AnalyticsRange.Iso(week.Week));
                        csv.WriteField(week.Partial ? "true" : "false");
                        csv.WriteField(week.Orders.ToString(CultureInfo.InvariantCulture));
                        csv.WriteField(week.Fraud.ToString(CultureInfo.InvariantCulture));
                        csv.WriteField(week.Rate.ToString("0.####", CultureInfo.InvariantCulture));
                        csv.WriteField(week.Z?.ToString("0.##", CultureInfo.InvariantCulture) ?? "");
                        csv.WriteField(week.Anomaly ? "true" : "false");
                        csv.WriteField(loss is null ? "0" : loss.Minor.ToString(CultureInfo.InvariantCulture));
                        csv.WriteField(loss?.Currency ?? "");
                        csv.WriteField(loss is null ? "" : Display.Money(new Money(loss.Minor, loss.Currency)));
                        csv.NextRecord();
                    }
                }
            }
        }

        // With a byte order mark, so a spreadsheet opening the file reads "kr" and "€" as written.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}

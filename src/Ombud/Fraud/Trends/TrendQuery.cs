using Ombud.Commerce.Analytics;
using Ombud.Platform;
using Ombud.Platform.Http;

namespace Ombud.Fraud.Trends;

/// <summary>
/// What a trends request asks for, as the page's query string and the API name it: <c>by</c>, and the days as
/// <c>from</c>/<c>to</c> (yyyy-MM-dd, the analyst's own range rules) or, without them, the last <c>weeks</c> (12 by
/// default). Refused naming the field.
/// </summary>
internal sealed record TrendQuery(TrendDimension By, AnalyticsRange Range)
{
    public const int DefaultWeeks = 12;

    public static Outcome<TrendQuery> Read(FraudTrends trends, string? by, string? from, string? to, int? weeks)
    {
        var invalid = new Validation();
        var dimension = Parse(by);
        if (dimension is null)
        {
            invalid.Add("by", "Break down by all, merchant, category, channel, market or pattern.");
        }

        if (weeks is { } w && w is < 2 or > FraudTrends.MaxWeeks)
        {
            invalid.Add("weeks", $"From 2 to {FraudTrends.MaxWeeks} weeks.");
        }

        AnalyticsRange? range = null;
        if (string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to))
        {
            range = invalid.IsValid ? trends.LastWeeks(weeks ?? DefaultWeeks) : null;
        }
        else
        {
            var parsed = AnalyticsRange.Parse(from, to, trends.Today);
            range = parsed.Value;
            foreach (var (field, messages) in parsed.Error is Invalid refused ? refused.Errors : new Dictionary<string, string[]>())
            {
                foreach (var message in messages)
                {
                    invalid.Add(field, message);
                }
            }
        }

        return invalid.IsValid && range is not null ? new TrendQuery(dimension!.Value, range) : invalid.ToError();
    }

    public static TrendDimension? Parse(string? by) =>
        string.IsNullOrEmpty(by) ? TrendDimension.All
        : EnumNames.TryParse<TrendDimension>(by, out var d) ? d : null;
}

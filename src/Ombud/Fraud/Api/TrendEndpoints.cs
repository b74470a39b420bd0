using Ombud.Fraud.Trends;
using Ombud.Platform;
using Ombud.Platform.Http;

namespace Ombud.Fraud.Api;

/// <summary><c>/api/v1/fraud/trends</c>: weekly fraud rate and losses with anomalies flagged, for fraud specialists and analysts.</summary>
internal static class TrendEndpoints
{
    public static void MapTrendApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/fraud/trends", async (string? by, int? weeks, FraudTrends trends, CancellationToken ct) =>
            {
                if (Parse(by) is not { } dimension)
                {
                    return Invalid.Field("by", "Break down by all, merchant, category, channel or market.").ToProblem();
                }

                if (weeks is { } w && w is < 2 or > FraudTrends.MaxWeeks)
                {
                    return Invalid.Field("weeks", $"From 2 to {FraudTrends.MaxWeeks} weeks.").ToProblem();
                }

                return TypedResults.Ok(await trends.WeeklyAsync(dimension, weeks ?? 12, ct));
            })
            .RequireAuthorization(RuleEndpoints.Policy).WithTags("Fraud trends")
            .Produces<TrendReport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Weekly fraud rate and losses over labelled orders, by merchant, category, channel or market; week-over-week rises beyond chance flagged; the current week marked partial.");

    public static TrendDimension? Parse(string? by) =>
        string.IsNullOrEmpty(by) ? TrendDimension.All
        : EnumNames.TryParse<TrendDimension>(by, out var d) ? d : null;
}

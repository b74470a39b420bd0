using Ombud.Commerce.Analytics;
using Ombud.Fraud.Trends;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Fraud.Api;

/// <summary>
/// <c>/api/v1/fraud/trends</c>: weekly fraud rate and losses with anomalies flagged over a range of days, and the same
/// as CSV (audited), for fraud specialists and analysts.
/// </summary>
internal static class TrendEndpoints
{
    private const string Range = "from and to are days (yyyy-MM-dd; the analyst's range rules), or without them the last `weeks` weeks (2–52, 12 by default)";

    public static void MapTrendApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/fraud/trends", async Task<IResult> (string? by, string? from, string? to, int? weeks, FraudTrends trends, CancellationToken ct) =>
            {
                var query = TrendQuery.Read(trends, by, from, to, weeks);
                return query.Succeeded ? TypedResults.Ok(await trends.InRangeAsync(query.Value!.By, query.Value.Range, ct)) : query.Error!.ToProblem();
            })
            .RequireAuthorization(RuleEndpoints.Policy).WithTags("Fraud trends")
            .Produces<TrendReport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Weekly fraud rate and losses over labelled orders, by merchant, category, channel, market or pattern (the kind of fraud, else the case's liability; each pattern's rate is its share of all labelled orders); week-over-week rises beyond chance "
                + $"flagged; the current week and weeks the range cuts marked partial. {Range}.");
        app.MapGet("/api/v1/fraud/trends.csv", async Task<IResult> (string? by, string? from, string? to, int? weeks, Caller caller, FraudTrends trends, AuditLog audit,
                CancellationToken ct) =>
            {
                var query = TrendQuery.Read(trends, by, from, to, weeks);
                if (!query.Succeeded)
                {
                    return query.Error!.ToProblem();
                }

                var report = await trends.InRangeAsync(query.Value!.By, query.Value.Range, ct);
                await audit.RecordAloneAsync(caller.Actor, "analytics.exported", $"fraud:trends-by-{report.By.ToString().ToLowerInvariant()}",
                    $"{AnalyticsRange.Iso(report.From)} to {AnalyticsRange.Iso(report.To)}", ct);
                return TypedResults.File(TrendCsv.Write(report), "text/csv; charset=utf-8", TrendCsv.FileName(report));
            })
            .RequireAuthorization(RuleEndpoints.Policy).WithTags("Fraud trends")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary($"The same trends as CSV, a row per series, week and currency of losses; losses in minor units with their currency and formatted. {Range}. Audited.");
    }
}

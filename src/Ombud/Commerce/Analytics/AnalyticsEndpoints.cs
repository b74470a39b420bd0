using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Commerce.Analytics;

/// <summary>
/// <c>/api/v1/analytics</c>: the analyst's charts over a range of days, each as CSV, and the orders behind a bar. For
/// analysts and admins (person or key); the orders carry no one's name, and a customer's id only for the staff desk.
/// </summary>
internal static class AnalyticsEndpoints
{
    public const string Policy = "commerce:analytics";

    /// <summary>Who may read the charts (pages ask it too).</summary>
    public static bool MayRead(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Analyst) || user.IsInRole(Roles.Admin) || user.HasClaim(Scopes.ClaimType, Scopes.Admin);

    public static void AddAnalyticsPolicy(IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => MayRead(c.User)));

    public static void MapAnalytics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/analytics").RequireAuthorization(Policy).WithTags("Analytics")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/volumes", async (string? from, string? to, string? timeZone, AnalystVolumes volumes, CancellationToken ct) =>
                (await volumes.LoadAsync(from, to, timeZone, ct)).ToResult(TypedResults.Ok))
            .Produces<AnalystView>()
            .WithSummary("Orders by market and plan type, orders per week (up to 92 days) or month with cut periods marked partial, and how instalments due were paid; from and to are days (yyyy-MM-dd), the last 12 months by default, counted in timeZone (an IANA id; UTC by default).");

        group.MapGet("/volumes.csv", async (string? chart, string? from, string? to, string? timeZone, Caller caller, AnalystVolumes volumes, AuditLog audit,
                CancellationToken ct) =>
            {
                var which = EnumNames.TryParse<AnalyticsChart>(chart, out var named) ? named : (AnalyticsChart?)null;
                var view = await volumes.LoadAsync(from, to, timeZone, ct);
                if (which is null || !view.Succeeded)
                {
                    var errors = view.Error is Invalid invalid ? new Dictionary<string, string[]>(invalid.Errors) : [];
                    if (which is null)
                    {
                        errors["chart"] = ["One of ordersByMarket, ordersOverTime, instalmentsDue."];
                    }

                    return new Invalid(errors).ToProblem();
                }

                var range = view.Value!.Range;
                await audit.RecordAloneAsync(caller.Actor, "analytics.exported", $"analytics:{AnalyticsCsv.Slug(which.Value)}",
                    $"{AnalyticsRange.Iso(range.From)} to {AnalyticsRange.Iso(range.To)}", ct);
                return TypedResults.File(AnalyticsCsv.Write(which.Value, view.Value), "text/csv; charset=utf-8", AnalyticsCsv.FileName(which.Value, range));
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("One chart's data as CSV (chart: ordersByMarket, ordersOverTime or instalmentsDue) over from–to; money in minor units with its currency and formatted. Audited.");

        group.MapGet("/orders", async ([AsParameters] OrderSlice slice, string? cursor, int? limit, Caller caller, OrderDrillDown orders,
                CancellationToken ct) =>
                (await orders.PageAsync(slice, cursor, limit, Policies.IsStaffDesk(caller.Principal), ct)).ToResult(TypedResults.Ok))
            .Produces<Page<OrderRow>>()
            .WithSummary("The orders behind a bar: placed from–to, in a market and of a plan type (none: without a plan) when named; with due=true instead "
                + "those with an instalment that fell due from–to (the instalments table's rows); days counted in timeZone (UTC by default); latest placed first, paged.");
    }
}

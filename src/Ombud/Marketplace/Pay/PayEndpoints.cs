using System.Text;
using Ombud.Marketplace.AgentConsole;
using Ombud.Marketplace.Api;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Marketplace.Pay;

/// <summary>
/// Pay over HTTP: an agent's own earnings (the session's agent, checked against the stored one; nobody names an agent
/// id here), and the admin's payout export as CSV (audited).
/// </summary>
internal static class PayEndpoints
{
    public static void MapPayApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/agents/me/earnings", async (string? from, string? to, string? cursor, Caller caller, AgentDesk desk, EarningsStatements statements,
                TimeProvider clock, CancellationToken ct) =>
            {
                if (!Cursor.TryParse(cursor, out var after))
                {
                    return Invalid.Field("cursor", "Pass back the nextCursor of the page before.").ToProblem();
                }

                var period = PayPeriod.Parse(from, to, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
                if (!period.Succeeded)
                {
                    return period.Error!.ToProblem();
                }

                var agent = await desk.AgentAsync(caller, ct);
                return agent.Succeeded
                    ? TypedResults.Ok(await statements.ForAgentAsync(agent.Value!.Id, period.Value, after, Cursor.DefaultLimit, ct))
                    : agent.Error!.ToProblem();
            })
            .RequireAuthorization(MarketplaceEndpoints.AgentPolicy).WithTags("Marketplace: agents")
            .Produces<EarningsStatement>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("My earnings for a period (from, to: yyyy-MM-dd; the last 28 days by default): entries newest first, totals per day and week, my rating and QA scores.");

        app.MapGet("/api/v1/admin/payouts.csv", async (string? from, string? to, Caller caller, PayoutExport export, TimeProvider clock, CancellationToken ct) =>
            {
                var period = PayPeriod.Parse(from, to, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
                return period.Succeeded
                    ? TypedResults.File(Encoding.UTF8.GetBytes(await export.CsvAsync(period.Value, caller.Actor, ct)), "text/csv; charset=utf-8",
                        PayoutExport.FileName(period.Value))
                    : period.Error!.ToProblem();
            })
            .RequireAuthorization(MarketplaceEndpoints.AdminPolicy).WithTags("Marketplace: admin")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("What to pay each agent for a period (from, to: yyyy-MM-dd), as CSV: per agent and currency, each part in minor units and the total formatted. Audited.");
    }
}

using Ombud.Fraud.Scoring;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Idempotency;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Api;

/// <summary>Asks for a risk decision on a stored order now (after a change, or to check a model), with a <c>risk</c> key.</summary>
public sealed record RiskScoreRequest(Guid? OrderId);

/// <summary>The decision: outcome, score (fraud probability, 0–1), reasons in words, and what it rested on.</summary>
public sealed record RiskScoreResponse(Guid Id, Guid OrderId, string Outcome, double Score, IReadOnlyList<RiskReason> Reasons, string Basis, DateTime DecidedAt);

/// <summary><c>/api/v1/risk</c>: risk decisions on demand, for keys with the <c>risk</c> scope.</summary>
internal static class RiskEndpoints
{
    public static void MapRiskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/risk").RequireAuthorization(Policies.Risk).WithTags("Risk")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/score", async (RiskScoreRequest body, HttpContext http, Caller caller, IdempotentRequests idem, RiskDesk desk) =>
            {
                // Read and score first: the unit of work (and SQLite's write queue) then holds only the decision's own rows.
                Outcome<RiskAssessment>? assessed = null;
                if (body.OrderId is { } id && id != Guid.Empty)
                {
                    assessed = await desk.AssessAsync(id, http.RequestAborted);
                }

                return await idem.RunAsync(http, body, ct =>
                {
                    if (assessed is not { } done)
                    {
                        return Task.FromResult<Outcome<RiskScoreResponse>>(
                            new Invalid(new Dictionary<string, string[]> { ["orderId"] = ["The id of a stored order to score is required."] }));
                    }

                    return Task.FromResult(done.Succeeded
                        ? Respond(desk.Record(done.Value!, RiskTrigger.OnDemand, caller.Actor))
                        : (Outcome<RiskScoreResponse>)done.Error!);
                });
            })
            .WithSummary("Decides the risk of a stored order now: approve, review or decline, with a score and reasons")
            .Produces<RiskScoreResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static RiskScoreResponse Respond(RiskDecisionView d) =>
        new(d.Id, d.OrderId, d.Outcome.ToString().ToLowerInvariant(), d.Score, d.Reasons, d.Basis, d.DecidedAt);
}

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

        api.MapPost("/score", async (RiskScoreRequest body, HttpContext http, Caller caller, IdempotentRequests idem, RiskDesk desk,
                DecisionBatches batches) =>
            {
                if (body.OrderId is not { } id || id == Guid.Empty)
                {
                    return Invalid.Field("orderId", "The id of a stored order to score is required.").ToProblem();
                }

                // Read and score first: the unit of work (and SQLite's write queue) then holds only the decision's own rows.
                var assessed = await desk.AssessAsync(id, http.RequestAborted);
                if (!assessed.Succeeded)
                {
                    return assessed.Error!.ToProblem();
                }

                if (http.Request.Headers.ContainsKey(IdempotentRequests.Header))
                {
                    // A keyed request keeps its own unit of work: its key is remembered with it, and a retry is answered from there.
                    return await idem.RunAsync(http, body, _ =>
                        Task.FromResult<Outcome<RiskScoreResponse>>(Respond(desk.Record(assessed.Value!, RiskTrigger.OnDemand, caller.Actor))));
                }

                var recorded = await batches.RecordAsync(assessed.Value!, caller.Actor);
                return recorded.Succeeded ? TypedResults.Ok(Respond(recorded.Value!)) : recorded.Error!.ToProblem();
            })
            .WithSummary("Decides the risk of a stored order now: approve, review or decline, with a score and reasons")
            .Produces<RiskScoreResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static RiskScoreResponse Respond(RiskDecisionView d) =>
        new(d.Id, d.OrderId, d.Outcome.ToString().ToLowerInvariant(), d.Score, d.Reasons, d.Basis, d.DecidedAt);
}

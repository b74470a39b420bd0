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

        api.MapPost("/score", (RiskScoreRequest body, HttpContext http, Caller caller, IdempotentRequests idem, RiskDesk desk) =>
                idem.RunAsync(http, body, async ct =>
                {
                    if (body.OrderId is not { } orderId || orderId == Guid.Empty)
                    {
                        return new Invalid(new Dictionary<string, string[]> { ["orderId"] = ["The id of a stored order to score is required."] });
                    }

                    var decided = await desk.DecideAsync(orderId, RiskTrigger.OnDemand, caller.Actor, ct);
                    return decided.Succeeded ? Respond(decided.Value!) : (Outcome<RiskScoreResponse>)decided.Error!;
                }))
            .WithSummary("Decides the risk of a stored order now: approve, review or decline, with a score and reasons")
            .Produces<RiskScoreResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static RiskScoreResponse Respond(RiskDecisionView d) =>
        new(d.Id, d.OrderId, d.Outcome.ToString().ToLowerInvariant(), d.Score, d.Reasons, d.Basis, d.DecidedAt);
}

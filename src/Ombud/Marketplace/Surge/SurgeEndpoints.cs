using Ombud.Marketplace.AgentConsole;
using Ombud.Marketplace.Api;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Marketplace.Surge;

/// <summary>
/// Supply and demand over HTTP: the live snapshot for the staff desk; an agent's own "call me when it surges"; a
/// shopper's estimated wait for their own conversation while it waits for a person.
/// </summary>
internal static class SurgeEndpoints
{
    public static void MapSurgeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/staff/marketplace/supply", async (SupplyCache supply, CancellationToken ct) => TypedResults.Ok((await supply.ReadAsync(ct)).Snapshot))
            .RequireAuthorization(Policies.StaffDesk).WithTags("Marketplace: admin")
            .Produces<SupplySnapshot>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Demand against supply now: waiting by skill and language, arrivals per minute and the forecast, online capacity, handle time, pressure and the surge level.");

        app.MapPut("/api/v1/agents/me/surge-calls", async (SurgeCallRequest body, Caller caller, AgentDesk desk, SurgeCalls calls, CancellationToken ct) =>
            {
                if (body.OptedIn is not { } optedIn)
                {
                    return Invalid.Field("optedIn", "true to be e-mailed when it surges while you are offline, false never to be.").ToProblem();
                }

                var agent = await desk.AgentAsync(caller, ct);
                return agent.Succeeded
                    ? (await calls.ChooseAsync(agent.Value!.Id, caller.Actor, optedIn, ct)).ToResult(TypedResults.Ok)
                    : agent.Error!.ToProblem();
            })
            .RequireAuthorization(MarketplaceEndpoints.AgentPolicy).WithTags("Marketplace: agents")
            .Produces<SurgeCallChoice>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Call me when it surges: an e-mail at most once in a few hours when I am offline and shoppers wait for my skills. Audited.");

        app.MapGet("/api/v1/conversations/{id:guid}/wait-estimate", async (Guid id, Caller caller, WaitEstimates estimates, CancellationToken ct) =>
                caller.CustomerId is not { } customer
                    ? new Forbidden("This account is not linked to a customer, so it has no conversations.").ToProblem()
                    : await estimates.ForConversationAsync(customer, id, ct) is { } estimate
                        ? TypedResults.Ok(estimate)
                        : new NotFound("conversation waiting for a person", id.ToString()).ToProblem())
            .RequireAuthorization(Policies.Role(Roles.Shopper)).WithTags("Marketplace: shoppers")
            .Produces<WaitEstimate>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("My estimated wait for a person in my conversation, in its language: minutes when there is an honest number, else why not.");
    }
}

/// <summary>The agent's choice of surge calls.</summary>
internal sealed record SurgeCallRequest(bool? OptedIn);

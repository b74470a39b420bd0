using Microsoft.AspNetCore.Authorization;
using Ombud.Marketplace.Api;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Marketplace.Agents;

/// <summary>
/// Becoming an agent over the API: signing up and confirming the e-mail (anonymous, with a rate limit per address of
/// their own), a shopper applying from their account, and the admin's list of applications to certify.
/// </summary>
internal static class ApplicationEndpoints
{
    public static void MapAgentApplications(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/agents/applications").AllowAnonymous().RequireRateLimiting(RateLimits.SignUp).WithTags("Marketplace: becoming an agent")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        open.MapPost("/", async (AgentApplication body, AgentApplications applications, CancellationToken ct) =>
                (await applications.ApplyAsync(body, ct)).ToResult(v => TypedResults.Created((string?)null, v)))
            .Produces<AgentApplicationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Sign up as an agent: an account that signs in once the e-mailed link confirms it; a trainee with uncertified skills. "
                         + "409 for an e-mail that has an account, or when this server cannot send the e-mail.");
        open.MapPost("/confirmation", async (ApplicationConfirmation body, AgentApplications applications, CancellationToken ct) =>
                (await applications.ConfirmAsync(body, ct)).ToResult(TypedResults.Ok))
            .Produces<AgentApplicationView>()
            .WithSummary("Confirm a sign-up with the user id and token from the e-mailed link. 400 on token for a used, expired or wrong link.");

        app.MapPost("/api/v1/agents/me/application", async (ShopperApplication body, Caller caller, AgentApplications applications, CancellationToken ct) =>
                (await applications.ApplyAsShopperAsync(caller.UserId!, body, ct)).ToResult(v => TypedResults.Created((string?)null, v)))
            .RequireAuthorization(Policies.Role(Roles.Shopper)).WithTags("Marketplace: becoming an agent")
            .Produces<AgentApplicationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A shopper applies to become an agent, linked to their customer account. 409 with the reasons when not in good standing.");

        app.MapGet("/api/v1/admin/agents/applications", async (AgentApplications applications, CancellationToken ct) =>
                TypedResults.Ok(await applications.PendingAsync(100, ct)))
            .RequireAuthorization(MarketplaceEndpoints.AdminPolicy).WithTags("Marketplace: admin")
            .Produces<IReadOnlyList<AgentApplicationView>>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Trainees newest first, unconfirmed, confirmed or certified, for an admin to certify.");
    }
}

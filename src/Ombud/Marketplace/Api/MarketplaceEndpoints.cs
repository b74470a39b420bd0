using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Idempotency;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Api;

/// <summary>
/// The marketplace API: an agent's offers (signed-in people in role agent, their own offers only) and the admin's
/// certification of a skill (role admin or a key scoped admin). Accepting and rejecting are idempotent by themselves
/// (answering again the same way gives the same answer), so they take no Idempotency-Key.
/// </summary>
internal static class MarketplaceEndpoints
{
    public const string AgentPolicy = "marketplace:agent";
    public const string AdminPolicy = "marketplace:admin";

    public static void AddMarketplacePolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(AgentPolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Agent))
            .AddPolicy(AdminPolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.IsInRole(Roles.Admin) || c.User.HasClaim(Scopes.ClaimType, Scopes.Admin)));

    public static void MapMarketplaceApi(this IEndpointRouteBuilder app)
    {
        // An agent's answer goes ahead of shoppers' requests at SQLite's write gate and is never turned away there.
        var agent = app.MapGroup("/api/v1/agent/offers").RequireAuthorization(AgentPolicy).WithMetadata(new QueuesInAttribute(WriteLane.Agents)).WithTags("Marketplace: agents")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        agent.MapGet("/", async (Caller caller, AgentOffers offers, CancellationToken ct) =>
                (await offers.PendingAsync(caller.UserId!, ct)).ToResult(TypedResults.Ok))
            .Produces<IReadOnlyList<OfferView>>().WithSummary("My offers waiting for an answer, the one expiring first first.");
        agent.MapPost("/{id:guid}/accept", async (Guid id, Caller caller, AgentOffers offers, CancellationToken ct) =>
                (await offers.AcceptAsync(caller.UserId!, id, ct)).ToResult(TypedResults.Ok))
            .Answers().WithSummary("Accept an offer: the conversation is mine from now on. 409 once it expired or was answered.");
        agent.MapPost("/{id:guid}/reject", async (Guid id, Caller caller, AgentOffers offers, CancellationToken ct) =>
                (await offers.RejectAsync(caller.UserId!, id, ct)).ToResult(TypedResults.Ok))
            .Answers().WithSummary("Reject an offer: it goes to the next candidate at once.");

        app.MapPost("/api/v1/admin/agents/{agentId:guid}/skills/{skill}/certification",
                (Guid agentId, string skill, SkillCertification body, HttpContext http, Caller caller, IdempotentRequests idem, AgentDirectory agents) =>
                    idem.RunAsync(http, body, ct => agents.CertifyAsync(agentId, skill, body.Level, caller.Actor, ct),
                        v => $"/api/v1/admin/agents/{v.AgentId}/skills/{JsonNamingPolicy.CamelCase.ConvertName(v.Skill.ToString())}"))
            .RequireAuthorization(AdminPolicy).WithTags("Marketplace: admin")
            .Produces<AgentSkillView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Certify an agent in a skill at a level (1–5): from now on it counts when hand-offs are offered. Audited.");
    }

    private static RouteHandlerBuilder Answers(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<OfferView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}

/// <summary>An admin's certification of a skill.</summary>
internal sealed record SkillCertification(int? Level);

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Platform.Events;

/// <summary><c>/api/v1/admin/dead-letters</c>: what failed every attempt, and replaying it. Admins only (role or key).</summary>
internal static class DeadLetterApi
{
    public const string Policy = "platform:admin";

    public static void AddAdminPolicy(this IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.IsInRole(Roles.Admin) || c.User.HasClaim(Scopes.ClaimType, Scopes.Admin)));

    public static void MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/dead-letters").RequireAuthorization(Policy).WithTags("Operations")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/", async (string? subscriber, DeadLetters letters, CancellationToken ct) => TypedResults.Ok(await letters.ListAsync(subscriber, ct)))
            .WithSummary("Event deliveries and timers that failed every attempt, oldest first.");
        api.MapPost("/events/{subscriber}/replay", async (string subscriber, Guid? eventId, Caller caller, DeadLetters letters, CancellationToken ct) =>
                (await letters.ReplayEventsAsync(caller.Actor, subscriber, eventId, ct)).ToResult(n => TypedResults.Ok(new Replayed(n))))
            .Produces<Replayed>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Hand a subscriber's dead deliveries to it again: one with ?eventId=, otherwise all.");
        api.MapPost("/timers/{kind}/{entityId}/replay", async (string kind, string entityId, Caller caller, DeadLetters letters, CancellationToken ct) =>
                (await letters.ReplayTimerAsync(caller.Actor, kind, entityId, ct)).ToResult(n => TypedResults.Ok(new Replayed(n))))
            .Produces<Replayed>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Fire a dead timer again now.");
    }
}

public sealed record Replayed(int Count);

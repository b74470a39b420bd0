using System.Security.Claims;
using Ombud.Platform.Http;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// <c>/api/v1/webhooks</c>: endpoints, their secrets and their delivery logs. A <c>merchant:&lt;id&gt;</c> key manages
/// that merchant's endpoints, an <c>admin</c> key the provider's; each sees only its own, anything else is 404.
/// </summary>
internal static class WebhookApi
{
    public const string Policy = "webhooks";

    public static void MapWebhookApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/webhooks").RequireAuthorization(Policy).WithTags("Webhooks")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/event-types", (WebhookSources sources) => TypedResults.Ok(sources.EventTypes.Order(StringComparer.Ordinal).ToList()))
            .WithSummary("The event types an endpoint can subscribe to.");

        api.MapPost("/endpoints", (WebhookEndpointRequest body, ClaimsPrincipal user, WebhookEndpointRegistry registry, CancellationToken ct) =>
                As(user, async owner => (await registry.RegisterAsync(owner, body, ct)).ToResult(e => TypedResults.Created($"/api/v1/webhooks/endpoints/{e.Id}", e))))
            .Produces<WebhookEndpointCreated>(StatusCodes.Status201Created)
            .WithSummary("Register an endpoint. The answer holds its signing secret, shown this once.");
        api.MapGet("/endpoints", (ClaimsPrincipal user, WebhookEndpointRegistry registry, CancellationToken ct) =>
                As(user, async owner => TypedResults.Ok(await registry.ListAsync(owner, ct))))
            .Produces<IReadOnlyList<WebhookEndpointResponse>>();
        api.MapGet("/endpoints/{id:guid}", (Guid id, ClaimsPrincipal user, WebhookEndpointRegistry registry, CancellationToken ct) =>
                As(user, async owner => (await registry.GetAsync(owner, id, ct)).ToResult(TypedResults.Ok)))
            .Produces<WebhookEndpointResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/endpoints/{id:guid}", (Guid id, WebhookEndpointRequest body, ClaimsPrincipal user, WebhookEndpointRegistry registry, CancellationToken ct) =>
                As(user, async owner => (await registry.ChangeAsync(owner, id, body, ct)).ToResult(TypedResults.Ok)))
            .Produces<WebhookEndpointResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Change an endpoint's URL, description, event types or enabled flag; the secret stays.");
        api.MapDelete("/endpoints/{id:guid}", (Guid id, ClaimsPrincipal user, WebhookEndpointRegistry registry, CancellationToken ct) =>
                As(user, async owner => (await registry.RemoveAsync(owner, id, ct)).ToResult(_ => TypedResults.NoContent())))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/endpoints/{id:guid}/rotate-secret", (Guid id, ClaimsPrincipal user, WebhookEndpointRegistry registry, CancellationToken ct) =>
                As(user, async owner => (await registry.RotateSecretAsync(owner, id, ct)).ToResult(TypedResults.Ok)))
            .Produces<WebhookSecretRotated>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Rotate the signing secret. The new one is shown this once; the old one keeps signing during the overlap.");

        api.MapGet("/endpoints/{id:guid}/deliveries", (Guid id, string? cursor, int? limit, WebhookDeliveryStatus? status, ClaimsPrincipal user,
                    WebhookDeliveryLog log, CancellationToken ct) =>
                As(user, async owner => (await log.ListAsync(owner, id, cursor, limit, status, ct)).ToResult(TypedResults.Ok)))
            .Produces<WebhookDeliveryPage>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The endpoint's deliveries, newest first.");
        api.MapGet("/deliveries/{id:guid}", (Guid id, ClaimsPrincipal user, WebhookDeliveryLog log, CancellationToken ct) =>
                As(user, async owner => (await log.GetAsync(owner, id, ct)).ToResult(TypedResults.Ok)))
            .Produces<WebhookDeliveryDetail>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One delivery with its body and every attempt.");
        api.MapPost("/deliveries/{id:guid}/replay", (Guid id, ClaimsPrincipal user, WebhookDeliveryLog log, CancellationToken ct) =>
                As(user, async owner => (await log.ReplayAsync(owner, id, ct)).ToResult(TypedResults.Ok)))
            .Produces<WebhookAttemptResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Send the delivery again now, with the same webhook-id; the answer is the new attempt.");
    }

    private static async Task<IResult> As(ClaimsPrincipal user, Func<WebhookOwner, Task<IResult>> handle) =>
        WebhookOwner.Of(user) is { } owner
            ? await handle(owner)
            : new Forbidden("Use a key with exactly one merchant scope (the merchant's endpoints) or the admin scope (the provider's).").ToProblem();
}

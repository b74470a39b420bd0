using Ombud.Platform.Http;

namespace Ombud.Platform.Auth;

/// <summary><c>/api/v1/admin/api-keys</c>: an admin (person or admin key) makes, lists and revokes keys for systems.</summary>
internal static class ApiKeyApi
{
    public static void MapApiKeyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminGroup("/api/v1/admin/api-keys");

        api.MapGet("/", async (ApiKeyRegistry keys, CancellationToken ct) => TypedResults.Ok(await keys.ListAsync(ct)))
            .WithSummary("Every key, oldest first: name, scopes, created, revoked. Never a secret: only hashes are stored.");
        api.MapPost("/", async (NewApiKey body, Caller caller, ApiKeyRegistry keys, CancellationToken ct) =>
                (await keys.CreateAsync(caller.Actor, body.Name, body.Scopes, ct))
                    .ToResult(created => TypedResults.Created($"/api/v1/admin/api-keys/{created.Key.Id}", created)))
            .Produces<CreatedApiKey>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Make a key. Its secret is in this answer once and nowhere else.");
        api.MapPost("/{id:guid}/revoke", async (Guid id, Caller caller, ApiKeyRegistry keys, CancellationToken ct) =>
                (await keys.RevokeAsync(caller.Actor, id, ct)).ToResult(TypedResults.Ok))
            .Produces<ApiKeySummary>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revoke a key: this node refuses it at once, every node within 30 seconds.");
    }
}

internal static class AdminGroups
{
    /// <summary>An API group for admins (person or admin key), under the operations tag.</summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).RequireAuthorization(Policies.Admin).WithTags("Operations")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
}

/// <summary>A key to make: who it is for, and what it may do (<c>ingest</c>, <c>risk</c>, <c>admin</c>, <c>merchant:&lt;id&gt;</c>).</summary>
public sealed record NewApiKey(string? Name, IReadOnlyList<string>? Scopes);

using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Platform.Audit;

/// <summary>The audit log over HTTP, for admins (person or key): filtered by actor, action, subject and days, newest first, paged.</summary>
internal static class AuditLogApi
{
    public static void MapAuditLogApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/admin/audit-log", async ([AsParameters] AuditFilter filter, string? cursor, int? limit, AuditTrail trail, CancellationToken ct) =>
                (await trail.PageAsync(filter, cursor, limit, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags("Audit")
            .Produces<Page<AuditRecord>>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The audit log, newest first: filter by actor (id or a person's e-mail), action (or its start), subject and days (from, to).");
}

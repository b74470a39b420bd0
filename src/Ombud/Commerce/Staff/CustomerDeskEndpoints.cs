using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Commerce.Staff;

/// <summary>The staff desk's customer search over HTTP (<see cref="Policies.StaffDesk"/>: never a gig agent).</summary>
internal static class CustomerDeskEndpoints
{
    public static void MapCustomerDesk(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/staff/customers", async (string? q, int? limit, Caller caller, CustomerSearch search, CancellationToken ct) =>
                (await search.SearchAsync(q, limit, caller.Actor, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.StaffDesk).WithTags("Staff desk")
            .Produces<List<CustomerMatch>>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Find customers by name, e-mail or phone (any part) or by order reference (exactly). Audited, without the query.");
}

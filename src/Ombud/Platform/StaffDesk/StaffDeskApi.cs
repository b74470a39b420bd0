using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Platform.StaffDesk;

/// <summary>The staff desk over HTTP: one customer as staff see them. Only the staff desk (<see cref="Policies.StaffDesk"/>); every read audited.</summary>
internal static class StaffDeskApi
{
    public static void MapStaffDeskApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/staff/customers/{id:guid}", async (Guid id, Caller caller, CustomerView view, CancellationToken ct) =>
                (await view.ReadAsync(id, caller.Actor, "over the API", ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.StaffDesk).WithTags("Staff desk")
            .Produces<CustomerCard>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One customer as staff see them: profile, orders and plans, payments, disputes, conversations, and who read them before. Audited.");
}

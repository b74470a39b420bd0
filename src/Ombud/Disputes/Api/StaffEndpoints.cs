using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Idempotency;

namespace Ombud.Disputes.Api;

/// <summary>The provider's side, for agents and admins (or keys scoped admin): the review queue, both sides' evidence, decisions.</summary>
internal static class StaffEndpoints
{
    private const DisputeParty Side = DisputeParty.Staff;

    public static void MapStaffDisputes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(DisputeEndpoints.Staff).RequireAuthorization(DisputePolicies.Staff).WithTags("Disputes: staff").Described();

        api.MapGet("/queue", async (string? cursor, int? limit, PartyDisputes desk, CancellationToken ct) =>
            (await desk.QueueAsync(cursor, limit, ct)).ToResult(TypedResults.Ok))
            .Produces<Page<DisputeStatus>>().WithSummary("Disputes waiting for a decision (representment, arbitration), the oldest regulatory deadline first.");
        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, PartyDisputes desk, CancellationToken ct) =>
            (await desk.ViewAsync(http.User, Side, id, ct)).ToResult(TypedResults.Ok))
            .Produces<DisputeView>().WithSummary("One dispute with both sides' evidence; the read is audited.");
        api.MapGet("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, HttpContext http, PartyDisputes desk, CancellationToken ct) =>
            (await desk.FileAsync(http.User, Side, id, fileId, ct)).ToResult(f => DisputeEndpoints.Download(f, http)))
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").WithSummary("Download a file of the dispute; audited.");

        api.MapPost("/{id:guid}/decision", (Guid id, StaffDecision body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.MoveAsync(http.User, Side, id, (s, d, actor) => body.ToDecision(d.Currency) switch
            {
                { Succeeded: true } decision => s.DecideAsync(id, decision.Value!, actor, ct),
                var refused => ShopperEndpoints.Refused(refused.Error!),
            }, ct), DisputeEndpoints.Location(Side)))
            .Moves().WithSummary("Decide: for the merchant, or for the shopper with an optional partial refund; the explanation is shown to both parties.");

        // The list of every dispute is the staff desk's (never a gig agent's), beside the group staff share.
        app.MapGet(DisputeEndpoints.Staff, async ([AsParameters] DisputeFilter filter, string? cursor, int? limit, PartyDisputes desk, CancellationToken ct) =>
                (await desk.AllAsync(filter, cursor, limit, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.StaffDesk).WithTags("Disputes: staff")
            .Produces<Page<DisputeStatus>>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Every dispute, latest reported first, filtered by state, reason, merchant, flag (overdue, priority, missed) and the day reported (from, to).");

        app.MapPost("/api/v1/staff/high-risk", (HighRiskRaise body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.RaiseHighRiskAsync(http.User, body, ct), DisputeEndpoints.Location(Side)))
            .RequireAuthorization(DisputePolicies.RaiseHighRisk).WithTags("Disputes: staff")
            .Produces<DisputeStatus>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Raise a high-risk purchase (staff, or keys scoped risk): the merchant must stop delivery or respond within 96 hours.");
    }
}

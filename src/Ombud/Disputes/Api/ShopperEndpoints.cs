using Microsoft.AspNetCore.Mvc;
using Ombud.Disputes.Evidence;
using Ombud.Platform.Http;
using Ombud.Platform.Idempotency;

namespace Ombud.Disputes.Api;

/// <summary>The shopper's disputes, for a signed-in shopper: report a problem, follow it, add to it, end it.</summary>
internal static class ShopperEndpoints
{
    private const DisputeParty Side = DisputeParty.Shopper;

    public static void MapShopperDisputes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(DisputeEndpoints.Shopper).RequireAuthorization(DisputePolicies.Shopper).WithTags("Disputes: shopper").Described();

        api.MapPost("", (ProblemReportRequest body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.ReportAsync(http.User, body, ct), DisputeEndpoints.Location(Side)))
            .Produces<DisputeStatus>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Report a problem with an own order or one of its lines; collection of the disputed amount pauses at once.");
        api.MapGet("", async (string? state, string? cursor, int? limit, HttpContext http, PartyDisputes desk, CancellationToken ct) =>
            (await desk.ListAsync(http.User, Side, state, cursor, limit, ct)).ToResult(TypedResults.Ok))
            .Produces<Page<DisputeStatus>>().WithSummary("Your disputes, oldest first, a page at a time.");
        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, PartyDisputes desk, CancellationToken ct) =>
            (await desk.ViewAsync(http.User, Side, id, ct)).ToResult(TypedResults.Ok))
            .Produces<DisputeView>().WithSummary("One of your disputes with its timeline, its files and its explanation.");
        api.MapGet("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, HttpContext http, PartyDisputes desk, CancellationToken ct) =>
            (await desk.FileAsync(http.User, Side, id, fileId, ct)).ToResult(f => DisputeEndpoints.Download(f, http)))
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").WithSummary("Download a file of your dispute.");

        api.MapPost("/{id:guid}/return", (Guid id, ReturnRegistration body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.MoveAsync(http.User, Side, id, (s, _, actor) =>
                body.Check() is { } invalid ? Refused(invalid) : s.RegisterReturnAsync(id, body.Carrier!, body.TrackingNumber!, actor, ct), ct),
                DisputeEndpoints.Location(Side)))
            .Moves().WithSummary("Register a return: the store gets longer to settle while the parcel travels.");
        api.MapPost("/{id:guid}/information", async ([FromRoute] Guid id, [FromForm] string? text, IFormFileCollection? files, HttpContext http,
                IdempotentRequests idem, PartyDisputes desk) =>
        {
            var read = await EvidenceUploads.ReadAsync(files, http.RequestAborted);
            return read.Succeeded
                ? await idem.RunAsync(http, new InformationSubmission(text, read.Value!), ct => desk.MoveAsync(http.User, Side, id,
                    (s, _, actor) => s.AddInformationAsync(id, text, read.Value!, actor, ct), ct), DisputeEndpoints.Location(Side))
                : read.Error!.ToProblem();
        })
            .Moves().TakesFiles().WithSummary("Add information and files (PDF, JPEG, PNG or DOCX, at most 7 MB each, 10 at a time) as multipart/form-data.");
        api.MapPost("/{id:guid}/settlement", (Guid id, DisputeNote body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.MoveAsync(http.User, Side, id, (s, _, actor) =>
                body.Check() is { } invalid ? Refused(invalid) : s.MarkSettledAsync(id, body.Note?.Trim(), actor, ct), ct), DisputeEndpoints.Location(Side)))
            .Moves().WithSummary("Accept and settle: it was settled with the store (what the store refunded on the dispute stays refunded); the paused payments resume.");
        api.MapPost("/{id:guid}/escalation", (Guid id, DisputeNote body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.MoveAsync(http.User, Side, id, (s, _, actor) =>
                body.Check() is { } invalid ? Refused(invalid) : s.DeclineSettlementAsync(id, body.Note?.Trim(), actor, ct), ct), DisputeEndpoints.Location(Side)))
            .Moves().WithSummary("Go on after the store answered in the store period: Ombud asks the store for its side now; payments stay paused.");
        api.MapPost("/{id:guid}/withdrawal", (Guid id, DisputeNote body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.MoveAsync(http.User, Side, id, (s, _, actor) =>
                body.Check() is { } invalid ? Refused(invalid) : s.WithdrawAsync(id, body.Note?.Trim(), actor, ct), ct), DisputeEndpoints.Location(Side)))
            .Moves().WithSummary("Withdraw the dispute; the paused payments resume.");
    }

    /// <summary>What every move answers: the dispute's new status, or a refusal that names the state and the moves allowed.</summary>
    public static RouteHandlerBuilder Moves(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<DisputeStatus>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);

    public static Task<Platform.Outcome<Dispute>> Refused(Platform.DomainError error) => Task.FromResult<Platform.Outcome<Dispute>>(error);
}

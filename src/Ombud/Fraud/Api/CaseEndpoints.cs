using Microsoft.AspNetCore.Mvc;
using Ombud.Disputes.Api;
using Ombud.Disputes.Evidence;
using Ombud.Fraud.Cases;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Fraud.Api;

/// <summary>
/// <c>/api/v1/fraud/cases</c>: the fraud specialist's case work — queue, case with evidence, start, assign, notes,
/// external evidence, liability decision, recovery, close. People in the fraud-specialist or admin role only; every
/// read of a case and every move is audited.
/// </summary>
internal static class CaseEndpoints
{
    public const string Policy = "fraud:cases";

    public static void MapCaseApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/fraud/cases").RequireAuthorization(Policy).WithTags("Fraud cases")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/", async (string? state, string? holder, string? source, int? limit, Caller caller, CaseReads reads, CancellationToken ct) =>
            {
                var filter = CaseQuery.Filter(state, holder, source, limit);
                return filter.Succeeded ? TypedResults.Ok(await reads.QueueAsync(filter.Value!, caller.UserId, ct)) : filter.Error!.ToProblem();
            })
            .Produces<IReadOnlyList<CaseRow>>()
            .WithSummary("The case queue: unfinished cases oldest first, or filtered by state, holder (mine, unassigned, all) and source");

        api.MapPost("/", async (CaseOpenRequest body, Caller caller, CaseDesk desk, CancellationToken ct) =>
                body.OrderId is not { } orderId || orderId == Guid.Empty
                    ? Invalid.Field("orderId", "The id of the order to investigate is required.").ToProblem()
                    : (await desk.OpenByHandAsync(orderId, body.Summary, caller, ct)).ToResult(c =>
                        TypedResults.Created($"/api/v1/fraud/cases/{c.Id}", CaseStatus.Of(c))))
            .Produces<CaseStatus>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Open a case on an order by hand, with why");

        api.MapGet("/{id:guid}", async (Guid id, Caller caller, CaseReads reads, AuditLog audit, CancellationToken ct) =>
            {
                if (await reads.CaseAsync(id, ct) is not { } view)
                {
                    return new NotFound("fraud case", id.ToString()).ToProblem();
                }

                await audit.RecordAloneAsync(caller.Actor, "fraud.case-viewed", $"fraud-case:{id}", $"customer:{view.CustomerId}", ct);
                return TypedResults.Ok(view);
            })
            .Produces<CaseView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One case: the timeline of every piece of evidence, the linked orders and the suggested outcome; the read is audited");

        api.MapGet("/{id:guid}/files/{entryId:guid}", async (Guid id, Guid entryId, Caller caller, CaseReads reads, AuditLog audit, CancellationToken ct) =>
            {
                if (await reads.FileAsync(id, entryId, ct) is not { } file)
                {
                    return new NotFound("file", entryId.ToString()).ToProblem();
                }

                await audit.RecordAloneAsync(caller.Actor, "fraud.case-file-read", $"fraud-case:{id}", entryId.ToString(), ct);
                return TypedResults.File(file.Content, file.ContentType, $"case-evidence-{entryId}{Extension(file.ContentType)}");
            })
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Download a file kept as evidence on the case; audited");

        Move(api, "/{id:guid}/start", async (Guid id, Caller caller, CaseDesk desk, CancellationToken ct) => Respond(await desk.StartAsync(id, caller, ct)),
            "Take the case and start investigating (open → investigating)");
        Move(api, "/{id:guid}/assignment", async (Guid id, CaseAssignRequest body, Caller caller, CaseDesk desk, CancellationToken ct) => Respond(await desk.AssignAsync(id, body.AssigneeId, caller, ct)), "Assign the case to a fraud specialist (the assignee or an admin)");
        Move(api, "/{id:guid}/notes", async (Guid id, CaseNoteRequest body, Caller caller, CaseDesk desk, CancellationToken ct) => Respond(await desk.AddNoteAsync(id, body.Text, caller, ct)), "Add a note to the case's timeline");
        Move(api, "/{id:guid}/evidence", async (Guid id, CaseEvidenceRequest body, Caller caller, CaseDesk desk, CancellationToken ct) => Respond(await desk.AddEvidenceAsync(id, body.Text, body.Link, null, caller, ct)), "Add external evidence: what it shows and a link to it (a public post)");
        api.MapPost("/{id:guid}/evidence/files", async ([FromRoute] Guid id, [FromForm] string? text, [FromForm] string? link, IFormFileCollection? files,
                Caller caller, CaseDesk desk, CancellationToken ct) =>
            {
                if (files is not { Count: 1 })
                {
                    return Invalid.Field("files", "Send exactly one file (PDF, JPEG, PNG or DOCX, at most 7 MB) as multipart/form-data; each file is its own timeline entry.").ToProblem();
                }

                var read = await EvidenceUploads.ReadAsync(files, ct);
                return read.Succeeded
                    ? Respond(await desk.AddEvidenceAsync(id, text, string.IsNullOrWhiteSpace(link) ? null : link, read.Value![0], caller, ct))
                    : read.Error!.ToProblem();
            })
            .Produces<CaseStatus>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).TakesFiles()
            .WithSummary("Keep a file as evidence (a screenshot of a public post, a document): the file with what it shows (text) and, optionally, where it came from (link), as multipart/form-data");
        Move(api, "/{id:guid}/decision", async (Guid id, CaseDecisionRequest body, Caller caller, CaseDesk desk, CancellationToken ct) => Respond(await desk.DecideAsync(id, body.Liability, body.Note, caller, ct)),
            "Decide liability (thirdPartyFraud, firstPartyFraud, merchantError, notFraud); the case's open dispute is settled to match");
        Move(api, "/{id:guid}/recoveries", async (Guid id, CaseRecoveryRequest body, Caller caller, CaseDesk desk, CancellationToken ct) => Respond(await desk.BookRecoveryAsync(id, body.Kind, body.Amount, body.Currency, body.Note, caller, ct)),
            "Book money recovered from the merchant or written off; the case closes when nothing is left open");
        Move(api, "/{id:guid}/close", async (Guid id, Caller caller, CaseDesk desk, CancellationToken ct) => Respond(await desk.CloseAsync(id, caller, ct)),
            "Close a decided case that has nothing to recover");

        app.MapGet("/api/v1/fraud/specialists", async (FraudSpecialists specialists, CancellationToken ct) => TypedResults.Ok(await specialists.AllAsync(ct)))
            .RequireAuthorization(Policy).WithTags("Fraud cases").Produces<IReadOnlyList<FraudSpecialist>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The fraud specialists a case can be assigned to, with how many unfinished cases each holds");
    }

    private static IResult Respond(Outcome<FraudCase> moved) => moved.ToResult(c => TypedResults.Ok(CaseStatus.Of(c)));

    private static void Move(RouteGroupBuilder api, string pattern, Delegate handler, string summary) =>
        api.MapPost(pattern, handler)
            .Produces<CaseStatus>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary(summary);

    private static string Extension(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "application/pdf" => ".pdf",
        _ => "",
    };
}

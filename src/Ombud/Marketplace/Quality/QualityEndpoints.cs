using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Marketplace.Quality;

/// <summary>
/// Quality over HTTP: the shopper's CSAT answer (their own conversation, once), and the staff's QA review of the sample
/// (the staff desk: admins, fraud specialists, staff-tier agents), each opening and score audited.
/// </summary>
internal static class QualityEndpoints
{
    public static void MapQualityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/conversations/{id:guid}/csat", async (Guid id, CsatRequest body, Caller caller, CsatSurvey survey, CancellationToken ct) =>
                caller.CustomerId is { } customer
                    ? (await survey.AnswerAsync(customer, id, body.Score, body.Comment, caller.Actor, ct))
                        .ToResult(v => TypedResults.Created($"/api/v1/conversations/{id}/csat", v))
                    : new Forbidden("This account is not linked to a customer, so it has no conversations.").ToProblem())
            .RequireAuthorization(Policies.Role(Roles.Shopper)).WithTags("Quality")
            .Produces<CsatView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("How did it go? 1 to 5 stars and an optional comment, once, for my conversation after a person wrapped it up.");

        var staff = app.MapGroup("/api/v1/staff/qa").RequireAuthorization(Policies.StaffDesk).WithTags("Quality")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapGet("/", async (QaDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.SampleAsync(ct)))
            .Produces<IReadOnlyList<QaSampleRow>>().WithSummary("The QA sample: conversations drawn for review, waiting ones first.");
        staff.MapGet("/{id:guid}", async (Guid id, Caller caller, QaDesk desk, CancellationToken ct) =>
                (await desk.OpenAsync(id, caller.Actor, ct)).ToResult(TypedResults.Ok))
            .Produces<QaReviewView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One sampled conversation: its transcript and score card. Audited.");
        staff.MapPost("/{id:guid}/score", async (Guid id, QaScoreCard body, Caller caller, QaDesk desk, CancellationToken ct) =>
                (await desk.ScoreAsync(id, body, caller.Actor, ct)).ToResult(TypedResults.Ok))
            .Produces<QaScoreView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Score a sampled conversation: greeting, understanding, resolution, tone, compliance (0–2 each) and a comment. Audited.");
    }
}

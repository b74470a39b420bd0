using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Platform.Mail;

/// <summary><c>/api/v1/admin/mail</c>: the e-mail outbox, and sending a failed or unsent one again. Admins only (role or key).</summary>
internal static class MailApi
{
    public static void MapMailApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminGroup("/api/v1/admin/mail");

        api.MapGet("/", async (string? status, string? cursor, int? limit, MailOutbox outbox, CancellationToken ct) =>
                (await outbox.ListAsync(status, cursor, limit, ct)).ToResult(TypedResults.Ok))
            .Produces<Page<MailView>>().ProducesValidationProblem()
            .WithSummary("The e-mail outbox, newest first, optionally of one status (queued, sent, failed, notSent); recipients masked.");
        api.MapPost("/{id:guid}/send-again", async (Guid id, Caller caller, MailOutbox outbox, CancellationToken ct) =>
                (await outbox.SendAgainAsync(id, caller.Actor, ct)).ToResult(TypedResults.Ok))
            .Produces<MailView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Queue a failed or unsent e-mail for sending again now.");
    }
}

using Microsoft.AspNetCore.Mvc;
using Ombud.Disputes.Evidence;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Idempotency;

namespace Ombud.Disputes.Api;

/// <summary>
/// A merchant's disputes, for its systems with a key scoped <c>merchant:&lt;id&gt;</c>: read them, settle in the store
/// period (message, refund), accept, answer with evidence once, appeal.
/// </summary>
internal static class MerchantEndpoints
{
    private const DisputeParty Side = DisputeParty.Merchant;

    public static void MapMerchantDisputes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(DisputeEndpoints.Merchant).RequireAuthorization(Policies.MerchantKey).WithTags("Disputes: merchant").Described();

        api.MapGet("", async (string? state, string? cursor, int? limit, HttpContext http, PartyDisputes desk, CancellationToken ct) =>
            (await desk.ListAsync(http.User, Side, state, cursor, limit, ct)).ToResult(TypedResults.Ok))
            .Produces<Page<DisputeStatus>>().WithSummary("Your disputes, oldest first; filter by state; pass nextCursor back for the next page.");
        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, PartyDisputes desk, CancellationToken ct) =>
            (await desk.ViewAsync(http.User, Side, id, ct)).ToResult(TypedResults.Ok))
            .Produces<DisputeView>().WithSummary("One dispute: the shopper's reason, description and files, your answer, the timeline.");
        // Outside the key-only group: the merchant portal's people download with their cookie (DisputePolicies.MerchantFiles).
        app.MapGet(DisputeEndpoints.Merchant + "/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, HttpContext http, PartyDisputes desk, CancellationToken ct) =>
            (await desk.FileAsync(http.User, Side, id, fileId, ct)).ToResult(f => DisputeEndpoints.Download(f, http)))
            .RequireAuthorization(DisputePolicies.MerchantFiles).WithTags("Disputes: merchant")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithSummary("Download a file of the dispute, with the merchant's key or signed in to the merchant portal; audited.");

        // Beside the disputes: the order a dispute is about, with its plan, refunds and every dispute on it.
        app.MapGet(DisputeEndpoints.MerchantOrders + "/{id:guid}", async Task<IResult> (Guid id, HttpContext http, MerchantOrders orders, CancellationToken ct) =>
                await orders.FindAsync(id, Caller.Of(http.User)?.MerchantIds ?? [], ct) is { } order
                    ? TypedResults.Ok(MerchantOrderView.Of(order))
                    : new NotFound("order", id.ToString()).ToProblem())
            .RequireAuthorization(Policies.MerchantKey).WithTags("Orders: merchant")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .Produces<MerchantOrderView>()
            .WithSummary("One of your orders: items, shipping, the shopper's plan and instalments, refunds, and the disputes on it (another merchant's is not found).");

        api.MapPost("/{id:guid}/acceptance", (Guid id, LossAcceptance body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.MoveAsync(http.User, Side, id, (s, d, actor) =>
                body.Check() is { } invalid
                    ? ShopperEndpoints.Refused(invalid)
                    : s.AcceptLossAsync(id, body.Refund is { } minor ? new Money(minor, d.Currency) : null, body.Note?.Trim(), actor, ct), ct),
                DisputeEndpoints.Location(Side)))
            .Moves().WithSummary("Accept the loss: refund the whole disputed amount, or part of it (refund, in minor units).");
        api.MapPost("/{id:guid}/evidence", async ([FromRoute] Guid id, [FromForm] string? text, [FromForm] string? carrier, [FromForm] string? trackingNumber,
                IFormFileCollection? files, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
        {
            var read = await EvidenceUploads.ReadAsync(files, http.RequestAborted);
            if (!read.Succeeded)
            {
                return read.Error!.ToProblem();
            }

            var submission = new EvidenceSubmission(text, carrier, trackingNumber, read.Value!);
            return await idem.RunAsync(http, submission, ct => desk.MoveAsync(http.User, Side, id, (s, _, actor) =>
                submission.Check() is { } invalid
                    ? ShopperEndpoints.Refused(invalid)
                    : s.SubmitEvidenceAsync(id, new MerchantEvidence(text ?? "", carrier, trackingNumber, read.Value!), actor, ct), ct),
                DisputeEndpoints.Location(Side));
        })
            .Moves().TakesFiles()
            .WithSummary("Answer with evidence, once, before the deadline: text, optionally carrier and tracking number, and files (PDF, JPEG, PNG or DOCX, at most 7 MB each, 10 at a time) as multipart/form-data.");
        api.MapPost("/{id:guid}/messages", (Guid id, StoreMessage body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.MoveAsync(http.User, Side, id, (s, _, actor) =>
                body.Check() is { } invalid ? ShopperEndpoints.Refused(invalid) : s.MessageShopperAsync(id, body.Text!, actor, ct), ct),
                DisputeEndpoints.Location(Side)))
            .Moves().WithSummary("In the store period: write to the shopper, to settle the problem with them.");
        api.MapPost("/{id:guid}/refunds", (Guid id, StoreRefund body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.MoveAsync(http.User, Side, id, (s, d, actor) =>
                body.Check() is { } invalid
                    ? ShopperEndpoints.Refused(invalid)
                    : s.RefundInStoreAsync(id, new Money(body.Amount!.Value, d.Currency), body.Message, actor, ct), ct),
                DisputeEndpoints.Location(Side)))
            .Moves().WithSummary("In the store period: refund all or part of the disputed amount now (amount, in minor units), with an optional message; "
                + "the shopper then settles or goes on. At most the disputed amount less your earlier refunds on it, and never beyond the order.");
        api.MapPost("/{id:guid}/appeal", (Guid id, MerchantAppeal body, HttpContext http, IdempotentRequests idem, PartyDisputes desk) =>
            idem.RunAsync(http, body, ct => desk.MoveAsync(http.User, Side, id, (s, _, actor) => s.AppealAsync(id, body.Text ?? "", actor, ct), ct),
                DisputeEndpoints.Location(Side)))
            .Moves().WithSummary("Appeal a preliminary loss within the appeal window; the dispute goes to arbitration.");
    }
}

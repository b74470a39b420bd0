using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Assistant.Chat;

/// <summary>
/// The assistant for channels other than the chat page, under <c>/api/v1/assistant/conversations</c>, for signed-in
/// shoppers and only their own conversations. A message's <c>clientMessageId</c> makes resending it safe.
/// </summary>
internal static class AssistantEndpoints
{
    public const string Route = "/api/v1/assistant/conversations";

    public static void MapAssistantApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).RequireAuthorization(Policies.Role(Roles.Shopper)).WithTags("Assistant")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        // Every POST takes a JSON body (an empty object will do): a cross-site form or bodiless POST cannot send one.
        api.MapPost("/", (StartConversationRequest body, Caller caller, ConversationDesk desk, CancellationToken ct) =>
            AsShopperAsync(caller, async customer => (await desk.StartAsync(customer, body.Language, ct))
                .ToResult(t => TypedResults.Created($"{Route}/{t.Id}", t))))
            .Produces<TranscriptView>(StatusCodes.Status201Created);

        api.MapGet("/{id:guid}", (Guid id, Caller caller, ConversationDesk desk, CancellationToken ct) =>
            AsShopperAsync(caller, async customer => (await desk.TranscriptAsync(customer, id, ct)).ToResult(TypedResults.Ok)))
            .Produces<TranscriptView>();

        api.MapPost("/{id:guid}/messages", (Guid id, PostMessageRequest body, Caller caller, ConversationDesk desk, CancellationToken ct) =>
            AsShopperAsync(caller, async customer => (await desk.PostAsync(customer, id, body.ClientMessageId, body.Text, ct)).ToResult(Answer)))
            .Produces<TurnView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/{id:guid}/handoff", (Guid id, RequestHumanRequest body, Caller caller, ConversationDesk desk, CancellationToken ct) =>
            AsShopperAsync(caller, async customer => (await desk.RequestHumanAsync(customer, id, body.ClientMessageId, ct)).ToResult(Answer)))
            .Produces<TurnView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static IResult Answer(TurnView turn) =>
        turn.Limit is null ? TypedResults.Ok(turn) : Problems.Status(StatusCodes.Status429TooManyRequests, "Too many messages.", turn.Reply);

    private static async Task<IResult> AsShopperAsync(Caller caller, Func<Guid, Task<IResult>> work) =>
        caller.CustomerId is { } customer
            ? await work(customer)
            : new Forbidden("This account is not linked to a customer, so it has no conversations.").ToProblem();
}

using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Storage;

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

        api.MapPost("/", (StartConversationRequest? body, HttpContext http, OmbudDb db, ConversationDesk desk, CancellationToken ct) =>
            AsShopperAsync(http, db, async customer => (await desk.StartAsync(customer, body?.Language, ct))
                .ToResult(t => TypedResults.Created($"{Route}/{t.Id}", t)), ct))
            .Produces<TranscriptView>(StatusCodes.Status201Created);

        api.MapGet("/{id:guid}", (Guid id, HttpContext http, OmbudDb db, ConversationDesk desk, CancellationToken ct) =>
            AsShopperAsync(http, db, async customer => (await desk.TranscriptAsync(customer, id, ct)).ToResult(TypedResults.Ok), ct))
            .Produces<TranscriptView>();

        api.MapPost("/{id:guid}/messages", (Guid id, PostMessageRequest body, HttpContext http, OmbudDb db, ConversationDesk desk, CancellationToken ct) =>
            AsShopperAsync(http, db, async customer => (await desk.PostAsync(customer, id, body.ClientMessageId, body.Text, ct)).ToResult(Answer), ct))
            .Produces<TurnView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/{id:guid}/handoff", (Guid id, RequestHumanRequest? body, HttpContext http, OmbudDb db, ConversationDesk desk, CancellationToken ct) =>
            AsShopperAsync(http, db, async customer => (await desk.RequestHumanAsync(customer, id, body?.ClientMessageId, ct)).ToResult(Answer), ct))
            .Produces<TurnView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static IResult Answer(TurnView turn) =>
        turn.Limit is null ? TypedResults.Ok(turn) : Problems.Status(StatusCodes.Status429TooManyRequests, "Too many messages.", turn.Reply);

    private static async Task<IResult> AsShopperAsync(HttpContext http, OmbudDb db, Func<Guid, Task<IResult>> work, CancellationToken ct) =>
        await Shoppers.CustomerIdAsync(http.User, db, ct) is { } customer
            ? await work(customer)
            : new Forbidden("This account is not linked to a customer, so it has no conversations.").ToProblem();
}

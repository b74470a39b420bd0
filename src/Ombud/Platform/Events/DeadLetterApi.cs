using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Platform.Events;

/// <summary><c>/api/v1/admin/dead-letters</c>: what failed every attempt, and replaying it. Admins only (role or key).</summary>
internal static class DeadLetterApi
{
    public static void MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminGroup("/api/v1/admin/dead-letters");

        api.MapGet("/", async (string? subscriber, DeadLetters letters, CancellationToken ct) => TypedResults.Ok(await letters.ListAsync(subscriber, ct)))
            .WithSummary("Event deliveries and timers that failed every attempt, oldest first.");
        api.MapPost("/events/{subscriber}/replay", async (string subscriber, Guid? eventId, Caller caller, DeadLetters letters, CancellationToken ct) =>
                (await letters.ReplayEventsAsync(caller.Actor, subscriber, eventId, ct)).ToResult(n => TypedResults.Ok(new Replayed(n))))
            .Produces<Replayed>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Hand a subscriber's dead deliveries to it again: one with ?eventId=, otherwise all.");
        api.MapPost("/timers/{kind}/{entityId}/replay", async (string kind, string entityId, Caller caller, DeadLetters letters, CancellationToken ct) =>
                (await letters.ReplayTimerAsync(caller.Actor, kind, entityId, ct)).ToResult(n => TypedResults.Ok(new Replayed(n))))
            .Produces<Replayed>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Fire a dead timer again now.");
    }
}

public sealed record Replayed(int Count);

using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Platform;

/// <summary><c>/api/v1/admin/demo-clock</c>: read and move the node's clock, in demo mode only.</summary>
internal static class DemoClockApi
{
    public static void MapDemoClockApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminGroup("/api/v1/admin/demo-clock");
        api.MapGet("/", (DemoClockControl control) => control.Read() is { } reading
                ? Results.Ok(reading)
                : new NotFound("demo clock", "this node (it is not in demo mode)").ToProblem())
            .Produces<DemoClockReading>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The node's time and how far ahead of real time it runs (demo mode only).");
        api.MapPost("/advance", async (AdvanceDemoClock body, Caller caller, DemoClockControl control, CancellationToken ct) =>
                (await control.AdvanceAsync(caller.Actor, body.Hours, ct)).ToResult(TypedResults.Ok))
            .Produces<DemoClockReading>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Move the node's clock forward by whole hours (1 to 2,160); timers that fall due fire at once.");
    }
}

/// <summary>How far to move the demo clock forward, in whole hours.</summary>
public sealed record AdvanceDemoClock(int Hours);

using Ombud.Platform.Auth;

namespace Ombud.Platform.Storage;

/// <summary>
/// <c>/api/v1/admin/storage/write-time</c>: where this node's units of work spent their time (<see cref="WriteTime"/>),
/// for an operator on call and the benchmarks. <c>GET</c> reads the current window, <c>POST …/reset</c> closes it
/// (answering with its figures) and starts a new one. Admins only (role or key).
/// </summary>
internal static class WriteTimeApi
{
    public const string Route = "/api/v1/admin/storage/write-time";

    public static void MapWriteTimeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminGroup(Route);
        api.MapGet("/", (WriteTime time) => TypedResults.Ok(time.Snapshot(reset: false)))
            .WithSummary("This node's units of work since the last reset by the place that ran them: how many, time queued at the write gate, time holding it.");
        api.MapPost("/reset", (WriteTime time) => TypedResults.Ok(time.Snapshot(reset: true)))
            .WithSummary("Close the current window (answered with its figures) and start a new one.");
    }
}

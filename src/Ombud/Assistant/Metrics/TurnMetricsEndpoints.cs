using Ombud.Platform.Auth;

namespace Ombud.Assistant.Metrics;

/// <summary>
/// The node's assistant turn latency for operators and the benchmark, under an <c>admin</c> key: <c>GET</c> reads the
/// current window, <c>POST …/reset</c> closes it (answering with its figures) and starts a new one, as a benchmark does
/// after its warm-up. Figures only, never message text.
/// </summary>
internal static class TurnMetricsEndpoints
{
    public const string Route = "/api/v1/admin/assistant/turn-latency";

    public static void MapTurnMetrics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).RequireAuthorization(Policies.AdminKey).WithTags("Assistant");
        group.MapGet("/", (TurnMetrics metrics) => TypedResults.Ok(metrics.Snapshot(reset: false)));
        group.MapPost("/reset", (TurnMetrics metrics) => TypedResults.Ok(metrics.Snapshot(reset: true)));
    }
}

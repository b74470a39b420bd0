using Ombud.Fraud.Cases;
using Ombud.Fraud.Links;
using Ombud.Fraud.Rings;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Fraud.Api;

/// <summary>
/// Link analysis for fraud specialists (and admins), people only like the cases: what links to a case's order, to a
/// chosen depth, and the rings the detection found — list, one ring with its graph, detection on demand, a case for
/// a ring. Every read of linked customers is audited.
/// </summary>
internal static class LinkEndpoints
{
    public static void MapLinkApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/fraud/cases/{id:guid}/links", async (Guid id, int? depth, Caller caller, LinkExplorer explorer, AuditLog audit, CancellationToken ct) =>
            {
                if (depth is { } d && d is < 1 or > LinkExplorer.MaxDepth)
                {
                    return Invalid.Field("depth", $"From 1 to {LinkExplorer.MaxDepth} steps.").ToProblem();
                }

                if (await explorer.OfCaseAsync(id, depth ?? LinkExplorer.DefaultDepth, ct) is not { } graph)
                {
                    return new NotFound("fraud case", id.ToString()).ToProblem();
                }

                await audit.RecordAloneAsync(caller.Actor, "fraud.case-links-viewed", $"fraud-case:{id}",
                    $"depth {graph.Depth}, {graph.Orders.Count} orders, {graph.Nodes.Count(n => n.Kind == LinkNodeKind.Customer)} customers", ct);
                return TypedResults.Ok(graph);
            })
            .RequireAuthorization(CaseEndpoints.Policy).WithTags("Fraud cases")
            .Produces<LinkGraph>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("What links to the case's order: orders, customers and shared identities (device, IP, e-mail, phone, shipping address, payment instrument; masked) up to depth steps (1–3, default 2), at most 200 nodes; audited");

        var rings = app.MapGroup("/api/v1/fraud/rings").RequireAuthorization(CaseEndpoints.Policy).WithTags("Fraud rings")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        rings.MapGet("/", async (RingDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.ListAsync(ct)))
            .Produces<IReadOnlyList<RingRow>>()
            .WithSummary("Rings the last detection found: customers linked by identities they used within the window (Ombud:Fraud:Rings:WindowDays), with its first and last linking order, size, identities shared, fraud share, money at stake and open cases");

        rings.MapGet("/{id:guid}", async (Guid id, Caller caller, RingDesk desk, CancellationToken ct) =>
                await desk.ViewAsync(id, caller, ct) is { } view ? TypedResults.Ok(view) : new NotFound("fraud ring", id.ToString()).ToProblem())
            .Produces<RingView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One ring: its members and its link graph; audited");

        rings.MapPost("/detection", async (Caller caller, RingDesk desk, CancellationToken ct) =>
                (await desk.DetectAsync(caller, ct)).ToResult(TypedResults.Ok))
            .Produces<RingPass>()
            .WithSummary("Look for rings now (the daily run does the same); audited");

        rings.MapPost("/{id:guid}/case", async (Guid id, Caller caller, RingDesk desk, CancellationToken ct) =>
                (await desk.OpenCaseAsync(id, caller, ct)).ToResult(c => TypedResults.Created($"/api/v1/fraud/cases/{c.Id}", CaseStatus.Of(c))))
            .Produces<CaseStatus>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Open a case for the ring (source ring) on its largest fraud order; once per ring, a second call returns the same case");
    }
}

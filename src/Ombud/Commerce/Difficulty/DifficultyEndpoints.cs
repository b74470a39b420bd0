using Microsoft.AspNetCore.Identity;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Idempotency;

namespace Ombud.Commerce.Difficulty;

/// <summary>
/// Payment difficulty over HTTP: the shopper's options and yes on their own plans (cookie), and staff's adjustments,
/// history and the second person's approval of large write-offs (agents and admins, or keys scoped admin).
/// </summary>
internal static class DifficultyEndpoints
{
    public const string Shopper = "/api/v1/me/plans";
    public const string Staff = "/api/v1/staff";
    public const string Notices = "/api/v1/me/notices";
    public const string StaffPolicy = "difficulty:staff";

    public static void AddDifficultyPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(StaffPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.IsInRole(Roles.Agent) || c.User.IsInRole(Roles.Admin) || c.User.HasClaim(Scopes.ClaimType, Scopes.Admin)));

    public static void MapDifficulty(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup(Shopper).RequireAuthorization(Policies.Role(Roles.Shopper)).WithTags("Payment difficulty: shopper").Problems();
        me.MapGet("/{id:guid}/options", async (Guid id, Caller caller, PlanAdjustments adjustments, CancellationToken ct) =>
            (await adjustments.OptionsAsync(caller.CustomerId ?? Guid.Empty, id, ct)).ToResult(o => TypedResults.Ok(OptionsView.From(o))))
            .Produces<OptionsView>().WithSummary("What you can do about one of your plans if you struggle to pay: each option, why, its cost and what it changes; and free debt advice.");
        me.MapGet("/{id:guid}/adjustments", async (Guid id, Caller caller, PlanAdjustments adjustments, CancellationToken ct) =>
            (await adjustments.CustomerPlanHistoryAsync(caller.CustomerId ?? Guid.Empty, id, ct)).ToResult(h => TypedResults.Ok(h.Select(AdjustmentView.From).ToList())))
            .Produces<List<AdjustmentView>>().WithSummary("The adjustments made to one of your plans, newest first.");
        me.MapPost("/{id:guid}/adjustments", (Guid id, AdjustmentYes body, Caller caller, HttpContext http, IdempotentRequests idem, PlanAdjustments adjustments) =>
            idem.RunAsync(http, body, async ct => body.Kind is not { } kind
                ? Invalid.Field("kind", "Say which option you take.")
                : View(await adjustments.TakeAsync(caller.CustomerId ?? Guid.Empty, id, kind, body.AcceptedCost, caller.Actor, ct)),
                (AdjustmentView a) => $"{Shopper}/{a.PlanId}/adjustments"))
            .Produces<AdjustmentView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Take one of your options, saying yes to the cost shown (acceptedCost, 0 when free).");

        app.MapGet(Notices, async (string? cursor, int? limit, Caller caller, DifficultyWatch watch, CancellationToken ct) =>
            (await watch.NoticesPageAsync(caller.CustomerId ?? Guid.Empty, cursor, limit, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Role(Roles.Shopper)).WithTags("Payment difficulty: shopper")
            .Produces<Page<NoticeView>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Your messages about your payments, newest first: contacts when paying looked hard, notices before a late fee or a hand-over to collection.");

        var staff = app.MapGroup(Staff).RequireAuthorization(StaffPolicy).WithTags("Payment difficulty: staff").Problems();
        staff.MapGet("/customers/{id:guid}/adjustments", async (Guid id, PlanAdjustments adjustments, CancellationToken ct) =>
            TypedResults.Ok((await adjustments.HistoryAsync(id, ct)).Select(StaffAdjustmentView.From).ToList()))
            .Produces<List<StaffAdjustmentView>>().WithSummary("A customer's adjustments, newest first, with who asked and who decided.");
        staff.MapGet("/plans/{id:guid}/adjustments", async (Guid id, PlanAdjustments adjustments, CancellationToken ct) =>
            TypedResults.Ok((await adjustments.PlanHistoryAsync(id, ct)).Select(StaffAdjustmentView.From).ToList()))
            .Produces<List<StaffAdjustmentView>>().WithSummary("One plan's adjustments, newest first, with who asked and who decided.");
        staff.MapGet("/adjustments/awaiting-approval", async (PlanAdjustments adjustments, CancellationToken ct) =>
            TypedResults.Ok((await adjustments.AwaitingApprovalAsync(ct)).Select(StaffAdjustmentView.From).ToList()))
            .Produces<List<StaffAdjustmentView>>().WithSummary("Write-offs above the limit waiting for a second person, oldest first.");
        staff.MapPost("/plans/{id:guid}/adjustments", (Guid id, StaffAdjustmentRequest body, Caller caller, HttpContext http, IdempotentRequests idem,
                PlanAdjustments adjustments) =>
            idem.RunAsync(http, body, async ct => body.Kind is not { } kind
                ? Invalid.Field("kind", "Say which adjustment to make.")
                : Staffed(await adjustments.AdjustAsync(id, kind, new AdjustmentTerms(body.Days, body.Instalments, body.Amount), body.Note, caller.Actor, ct)),
                (StaffAdjustmentView a) => $"{Staff}/plans/{a.Adjustment.PlanId}/adjustments"))
            .Produces<StaffAdjustmentView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Adjust a plan; a write-off above the market's limit waits for a second person's approval.");
        staff.MapPost("/adjustments/{id:guid}/approval", (Guid id, Caller caller, HttpContext http, IdempotentRequests idem, PlanAdjustments adjustments) =>
            idem.RunAsync(http, id, async ct => Staffed(await adjustments.ApproveAsync(id, caller.Actor, ct))))
            .Produces<StaffAdjustmentView>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Approve a write-off waiting for a second person; whoever asked for it cannot.");
        staff.MapPost("/adjustments/{id:guid}/rejection", (Guid id, Caller caller, HttpContext http, IdempotentRequests idem, PlanAdjustments adjustments) =>
            idem.RunAsync(http, id, async ct => Staffed(await adjustments.RejectAsync(id, caller.Actor, ct))))
            .Produces<StaffAdjustmentView>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Reject a write-off waiting for a second person; whoever asked for it cannot.");
        staff.MapPost("/plans/{id:guid}/collection-withdrawal", (Guid id, CollectionWithdrawal body, Caller caller, HttpContext http, IdempotentRequests idem,
                CollectionNotices collection) =>
            idem.RunAsync(http, body, ct => collection.WithdrawAsync(id, body.Reason, caller.Actor, ct)))
            .Produces<CollectionView>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Withdraw a plan's hand-over to collection (e.g. the shopper has paid), saying why; nothing is charged or refunded by it.");
        MapQueue(staff);
    }

    /// <summary>The financial-difficulty queue the daily watch fills: staff read it, mark shoppers contacted, resolve cases.</summary>
    private static void MapQueue(RouteGroupBuilder staff)
    {
        staff.MapGet("/difficulty-cases", async (bool? all, DifficultyWatch watch, CancellationToken ct) =>
            TypedResults.Ok((await watch.QueueAsync(all ?? false, ct)).ToList()))
            .Produces<List<Contracts.DifficultyCaseRecord>>()
            .WithSummary("Shoppers the daily watch found showing signs of payment difficulty, open cases first, with the reasons in words; all=true adds resolved ones.");
        staff.MapPost("/difficulty-cases/{id:guid}/contact", (Guid id, Caller caller, HttpContext http, IdempotentRequests idem, DifficultyWatch watch) =>
            idem.RunAsync(http, id, ct => watch.MarkContactedAsync(id, caller.Actor, ct)))
            .Produces<Contracts.DifficultyCaseRecord>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Record that staff contacted the shopper; it counts towards the contact limit, so the watch does not contact them again soon.");
        staff.MapPost("/difficulty-cases/{id:guid}/resolution", (Guid id, CaseResolution body, Caller caller, HttpContext http, IdempotentRequests idem,
                DifficultyWatch watch) =>
            idem.RunAsync(http, body, ct => watch.ResolveAsync(id, body.Resolution, caller.Actor, ct)))
            .Produces<Contracts.DifficultyCaseRecord>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Resolve a difficulty case, saying how; the watch opens no new case for the shopper within the contact limit.");
    }

    private static RouteGroupBuilder Problems(this RouteGroupBuilder group) => group
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static Outcome<AdjustmentView> View(Outcome<Contracts.AdjustmentRecord> outcome) =>
        outcome.Succeeded ? AdjustmentView.From(outcome.Value!) : outcome.Error!;

    private static Outcome<StaffAdjustmentView> Staffed(Outcome<Contracts.AdjustmentRecord> outcome) =>
        outcome.Succeeded ? StaffAdjustmentView.From(outcome.Value!) : outcome.Error!;
}

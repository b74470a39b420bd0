using Ombud.Fraud.Rules;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Idempotency;

namespace Ombud.Fraud.Api;

/// <summary>A rule to try on history before saving it; the period is [from, to), the whole labelled history by default.</summary>
public sealed record BacktestRequest(string? Expression, DateTime? From, DateTime? To);

/// <summary>Approving or rejecting: an optional note kept with the decision.</summary>
public sealed record RuleDecisionRequest(string? Note);

/// <summary>Setting a live rule aside for one customer or device for some hours.</summary>
public sealed record SnoozeRequest(SnoozeSubject? Subject, string? Key, int? Hours, string? Reason);

/// <summary>
/// <c>/api/v1/fraud/rules</c>: the analysts' rules for fraud specialists and analysts — draft, backtest, send for
/// approval, a second person's approval or rejection, disable, snooze.
/// </summary>
internal static class RuleEndpoints
{
    public const string Route = "/api/v1/fraud/rules";
    public const string Policy = "fraud:rules";

    public static void AddRulePolicy(this IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireRole(Roles.FraudSpecialist, Roles.Analyst));

    public static void MapRuleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).RequireAuthorization(Policy).WithTags("Fraud rules")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/", async (RuleBook book, CancellationToken ct) => TypedResults.Ok(await book.ListAsync(ct)))
            .WithSummary("Every version of every rule, newest first, with where it stands.");
        api.MapGet("/{id:guid}", async (Guid id, RuleBook book, CancellationToken ct) => (await book.GetAsync(id, ct)).ToResult(TypedResults.Ok))
            .Produces<RuleView>().WithSummary("One version of a rule.");
        api.MapPost("/", (RuleDraft body, Caller caller, HttpContext http, IdempotentRequests idem, RuleBook book) =>
                idem.RunAsync(http, body, ct => book.DraftAsync(body, caller.Actor, ct), (RuleView r) => $"{Route}/{r.Id}"))
            .Produces<RuleView>(StatusCodes.Status201Created)
            .WithSummary("Draft a rule, or with ruleId a new version of one; a rule that does not parse or type-check is refused with its line and column.");
        api.MapPost("/backtest", async (BacktestRequest body, BacktestHistory history, CancellationToken ct) =>
            {
                var (rule, error) = RuleLanguage.Compile(body.Expression);
                if (rule is null)
                {
                    return Invalid.Field("expression", error!.ToString()).ToProblem();
                }

                if (body.From is { } from && body.To is { } to && from >= to)
                {
                    return Invalid.Field("to", "The end of the period must come after its start.").ToProblem();
                }

                return TypedResults.Ok(RuleBacktest.Run(rule, await history.RowsAsync(ct), Utc(body.From), Utc(body.To)));
            })
            .Produces<BacktestResult>().WithSummary("What a rule would have hit in the labelled history: hits, precision, recall, money and examples. Saves nothing.");
        api.MapPost("/{id:guid}/submission", (Guid id, Caller caller, HttpContext http, IdempotentRequests idem, RuleBook book) =>
                idem.RunAsync(http, id, ct => book.SubmitAsync(id, caller.Actor, ct)))
            .Produces<RuleView>().ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Send your draft to a second person for approval.");
        api.MapPost("/{id:guid}/approval", (Guid id, RuleDecisionRequest? body, Caller caller, HttpContext http, IdempotentRequests idem, RuleBook book) =>
                Decided(book, idem.RunAsync(http, id, ct => book.ApproveAsync(id, caller.Actor, body?.Note, ct)), http.RequestAborted))
            .Produces<RuleView>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Approve a version waiting for approval: it goes live and the version live before it is superseded. Not your own.");
        api.MapPost("/{id:guid}/rejection", (Guid id, RuleDecisionRequest? body, Caller caller, HttpContext http, IdempotentRequests idem, RuleBook book) =>
                Decided(book, idem.RunAsync(http, id, ct => book.RejectAsync(id, caller.Actor, body?.Note, ct)), http.RequestAborted))
            .Produces<RuleView>().ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Reject a version waiting for approval. Not your own.");
        api.MapPost("/{id:guid}/disabling", (Guid id, Caller caller, HttpContext http, IdempotentRequests idem, RuleBook book) =>
                idem.RunAsync(http, id, ct => book.DisableAsync(id, caller.Actor, ct)))
            .Produces<RuleView>().ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Take a live rule out of decisions at once.");
        api.MapPost("/{id:guid}/snoozes", (Guid id, SnoozeRequest body, Caller caller, HttpContext http, IdempotentRequests idem, RuleSnoozes snoozes) =>
                idem.RunAsync(http, body, ct => snoozes.SnoozeAsync(id, body.Subject, body.Key, body.Hours, body.Reason, caller.Actor, ct)))
            .Produces<SnoozeView>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Set a live rule aside for one customer or device for some hours.");
        api.MapGet("/snoozes", async (RuleSnoozes snoozes, CancellationToken ct) => TypedResults.Ok(await snoozes.RunningAsync(ct)))
            .WithSummary("The snoozes still running, the soonest to end first.");
        api.MapPost("/snoozes/{snoozeId:guid}/end", (Guid snoozeId, Caller caller, HttpContext http, IdempotentRequests idem, RuleSnoozes snoozes) =>
                idem.RunAsync(http, snoozeId, ct => snoozes.EndAsync(snoozeId, caller.Actor, ct)))
            .Produces<SnoozeView>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("End a running snooze now: the rule decides that customer's or device's next order again.");
    }

    /// <summary>The answer of an approval or rejection, once any refused self-approval is in the audit log.</summary>
    private static async Task<IResult> Decided(RuleBook book, Task<IResult> decided, CancellationToken ct)
    {
        var result = await decided;
        await book.RecordRefusalsAsync(ct);
        return result;
    }

    private static DateTime? Utc(DateTime? value) => value?.Kind switch
    {
        null => null,
        DateTimeKind.Local => value.Value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value.Value, DateTimeKind.Utc),
    };
}

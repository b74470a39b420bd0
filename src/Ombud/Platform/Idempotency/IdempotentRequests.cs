using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Http;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Idempotency;

/// <summary>
/// Runs a POST as one <see cref="UnitOfWork"/> and, when it carries an <c>Idempotency-Key</c>, remembers the answer in
/// the same transaction: a retry with the same key and request gets the same answer and changes nothing; the same key
/// with a different request is refused with 409. Failed requests are not remembered, so a corrected retry may reuse the key.
/// </summary>
/// <remarks>
/// What is remembered is the request's hash and where the answer lives; an endpoint that can read its resource back
/// passes <c>readBack</c> and the record keeps no body (an order's answer is most of what an order writes). A replay
/// then answers with the resource as it is now, which is the same answer unless something changed it since.
/// </remarks>
public sealed class IdempotentRequests(OmbudDb db, UnitOfWork unitOfWork, StagedRows staged, TimeProvider clock, IOptions<JsonOptions> json)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    private static readonly RowTable Records = new("platform_idempotency",
        RowColumn.Text("Caller"), RowColumn.Text("Key"), RowColumn.Text("RequestHash"), RowColumn.Number("Status"), RowColumn.Text("Location"),
        RowColumn.Text("ResponseBody"), RowColumn.Instant("CreatedAt"));

    /// <summary>A created resource, its answer kept whole (for answers no resource holds as they were, such as a dispute's move).</summary>
    /// <param name="handle">Checks the request and adds its changes to the unit of work; it does not save.</param>
    public Task<IResult> RunAsync<TRequest, TResponse>(HttpContext http, TRequest request,
        Func<CancellationToken, Task<Outcome<TResponse>>> handle, Func<TResponse, string> location) =>
        RunAsync(http, request, handle, value => new Answer(StatusCodes.Status201Created, location(value), Serialize(value)), keepBody: true, readBack: null);

    /// <summary>A created resource that <paramref name="readBack"/> reads from its location: the record keeps no body.</summary>
    public Task<IResult> RunAsync<TRequest, TResponse>(HttpContext http, TRequest request,
        Func<CancellationToken, Task<Outcome<TResponse>>> handle, Func<TResponse, string> location,
        Func<string, CancellationToken, Task<TResponse?>> readBack) =>
        RunAsync(http, request, handle, value => new Answer(StatusCodes.Status201Created, location(value), Serialize(value)), keepBody: false,
            readBack: async (at, ct) => await readBack(at, ct) is { } value ? Serialize(value) : null);

    /// <summary>An answer that is not one resource (a batch's outcomes): 200 with the body, kept whole.</summary>
    public Task<IResult> RunAsync<TRequest, TResponse>(HttpContext http, TRequest request, Func<CancellationToken, Task<Outcome<TResponse>>> handle) =>
        RunAsync(http, request, handle, value => new Answer(StatusCodes.Status200OK, "", Serialize(value)), keepBody: true, readBack: null);

    /// <summary>Who the keys belong to: the API key's or the person's id.</summary>
    public static string CallerOf(HttpContext http) =>
        http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "anonymous";

    /// <summary>The hash a request is remembered by: method, path and the bound request re-serialised.</summary>
    public string HashOf<TRequest>(string method, string path, TRequest request)
    {
        // The bound request, re-serialised: the same JSON with other spacing or key order is the same request.
        var canonical = $"{method} {path}\n{JsonSerializer.Serialize(request, json.Value.SerializerOptions)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The records of some of a caller's keys, for a use case that answers many keyed items at once (a batch).</summary>
    public async Task<Dictionary<string, IdempotencyRecord>> FindAsync(string caller, IReadOnlyCollection<string> keys, CancellationToken ct) =>
        keys.Count == 0
            ? []
            : await db.IdempotencyRecords.AsNoTracking().Where(r => r.Caller == caller && keys.Contains(r.Key)).ToDictionaryAsync(r => r.Key, ct);

    /// <summary>Stages a record in the open unit of work: with its rows when the use case staged rows, else for the save.</summary>
    public void Remember(string caller, string key, string requestHash, int status, string location, string? body)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (staged.IsEmpty)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord(caller, key, requestHash, status, location, body, now));
        }
        else
        {
            staged.Add(Records, caller, key, requestHash, status, location, body, now);
        }
    }

    /// <summary>A keyed request's problem when its key is malformed, else null.</summary>
    public static DomainError? CheckKey(string field, string? key) =>
        key is not null && (key.Length is 0 or > MaxKeyLength) ? Invalid.Field(field, $"An Idempotency-Key has 1 to {MaxKeyLength} characters.") : null;

    private async Task<IResult> RunAsync<TRequest, TResponse>(HttpContext http, TRequest request,
        Func<CancellationToken, Task<Outcome<TResponse>>> handle, Func<TResponse, Answer> answerOf, bool keepBody,
        Func<string, CancellationToken, Task<string?>>? readBack)
    {
        var cancellationToken = http.RequestAborted;
        string? key = http.Request.Headers[Header];
        if (CheckKey(Header, key) is { } badKey)
        {
            return badKey.ToProblem();
        }

        var caller = CallerOf(http);
        var requestHash = HashOf(http.Request.Method, http.Request.Path, request);
        // Optimistic: the common first attempt costs no look-up. A retry, or a racing duplicate, trips the primary key
        // of its idempotency record (or a natural key such as externalId) and is answered below.
        var outcome = await unitOfWork.RunAsync(async ct =>
        {
            var handled = await handle(ct);
            if (!handled.Succeeded)
            {
                return handled.Error!;
            }

            var answer = answerOf(handled.Value!);
            if (key is not null)
            {
                Remember(caller, key, requestHash, answer.Status, answer.Location, keepBody ? answer.Body : null);
            }

            return (Outcome<Answer>)answer;
        }, cancellationToken);

        if (outcome.Succeeded)
        {
            return new Answered(outcome.Value!);
        }

        // A retry of a request that once succeeded must get that answer, even if the world has moved on since.
        if (key is not null && await ReplayAsync(caller, key, requestHash, readBack, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        return outcome.Error is WriteConflict { Column: { } column }
            ? new Conflict($"Another record already has this {JsonNamingPolicy.CamelCase.ConvertName(column)}. "
                           + "To retry a request safely, send the same Idempotency-Key.").ToProblem()
            : outcome.Error!.ToProblem();
    }

    private async Task<IResult?> ReplayAsync(string caller, string key, string requestHash, Func<string, CancellationToken, Task<string?>>? readBack,
        CancellationToken cancellationToken)
    {
        var earlier = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestHash != requestHash)
        {
            return new Conflict($"The Idempotency-Key '{key}' was already used with a different request. Use a new key for a new request.").ToProblem();
        }

        var body = earlier.ResponseBody ?? (readBack is null ? null : await readBack(earlier.Location, cancellationToken));
        return body is null
            ? new Conflict($"The answer to Idempotency-Key '{key}' can no longer be read at {earlier.Location}.").ToProblem()
            : new Answered(new Answer(earlier.Status, earlier.Location, body));
    }

    private string Serialize<T>(T value) => JsonSerializer.Serialize(value, json.Value.SerializerOptions);

    private sealed record Answer(int Status, string Location, string Body);

    private sealed class Answered(Answer answer) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = answer.Status;
            if (answer.Location.Length > 0)
            {
                httpContext.Response.Headers.Location = answer.Location;
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(answer.Body);
        }
    }
}

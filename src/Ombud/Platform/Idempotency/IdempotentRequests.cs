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
public sealed class IdempotentRequests(OmbudDb db, UnitOfWork unitOfWork, TimeProvider clock, IOptions<JsonOptions> json)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    /// <param name="handle">Checks the request and adds its changes to the unit of work; it does not save.</param>
    public async Task<IResult> RunAsync<TRequest, TResponse>(HttpContext http, TRequest request,
        Func<CancellationToken, Task<Outcome<TResponse>>> handle, Func<TResponse, string> location)
    {
        var cancellationToken = http.RequestAborted;
        string? key = http.Request.Headers[Header];
        if (key is not null && (key.Length is 0 or > MaxKeyLength))
        {
            return Invalid.Field(Header, $"An Idempotency-Key has 1 to {MaxKeyLength} characters.").ToProblem();
        }

        var caller = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "anonymous";
        var requestHash = HashOf(http, request);
        // Optimistic: the common first attempt costs no look-up. A retry, or a racing duplicate, trips the primary key
        // of its idempotency record (or a natural key such as externalId) and is answered below.
        var outcome = await unitOfWork.RunAsync(async ct =>
        {
            var handled = await handle(ct);
            if (!handled.Succeeded)
            {
                return handled.Error!;
            }

            var answer = new Answer(location(handled.Value!), JsonSerializer.Serialize(handled.Value, json.Value.SerializerOptions));
            if (key is not null)
            {
                db.IdempotencyRecords.Add(new IdempotencyRecord(caller, key, requestHash, answer.Location, answer.Body, clock.GetUtcNow().UtcDateTime));
            }

            return (Outcome<Answer>)answer;
        }, cancellationToken);

        if (outcome.Succeeded)
        {
            return new CreatedJson(outcome.Value!.Location, outcome.Value.Body);
        }

        // A retry of a request that once succeeded must get that answer, even if the world has moved on since.
        if (key is not null && await ReplayAsync(caller, key, requestHash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        return outcome.Error is WriteConflict { Column: { } column }
            ? new Conflict($"Another record already has this {JsonNamingPolicy.CamelCase.ConvertName(column)}. "
                           + "To retry a request safely, send the same Idempotency-Key.").ToProblem()
            : outcome.Error!.ToProblem();
    }

    private async Task<IResult?> ReplayAsync(string caller, string key, string requestHash, CancellationToken cancellationToken)
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

        return new CreatedJson(earlier.Location, earlier.ResponseBody);
    }

    private string HashOf<TRequest>(HttpContext http, TRequest request)
    {
        // The bound request, re-serialised: the same JSON with other spacing or key order is the same request.
        var canonical = $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(request, json.Value.SerializerOptions)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private sealed record Answer(string Location, string Body);

    private sealed class CreatedJson(string location, string body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status201Created;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(body);
        }
    }
}

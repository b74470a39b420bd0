using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Http;

/// <summary>
/// A database with no connection to spare (PostgreSQL's connection pool ran out under overload) or, on SQLite, a write
/// gate with more requests waiting than <c>Ombud:Database:MaxWaitingRequests</c> (<see cref="WriteGateFullException"/>) is a
/// passing state of the server, not a fault in the request: it is answered 503 with <c>Retry-After</c>, as problem
/// details, so a client backs off and tries again instead of reading a 500 as a bug or queuing for minutes.
/// </summary>
internal sealed class DatabaseBusyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Long enough for a burst to drain; Npgsql waits its own connection timeout before giving up anyway.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var full = exception is WriteGateFullException;
        if (!full && !IsPoolExhausted(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is busy.",
                Detail = full
                    ? $"{WriteGateFullException.Advice} after the number of seconds in Retry-After."
                    : "Every database connection is in use right now. Nothing was changed: try again after the number of seconds in Retry-After.",
            },
        });
    }

    /// <summary>Npgsql's "pool exhausted", also when EF Core or another layer wrapped it.</summary>
    private static bool IsPoolExhausted(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is NpgsqlException && exception.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

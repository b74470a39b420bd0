using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Ombud.Platform.Http;

/// <summary>
/// Turns the framework's own client errors (malformed JSON, a body too large, a wrong content type) into problem
/// details that name the offending field, so a client mistake never looks like a server fault.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (title, detail, field) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = title, Detail = detail },
        };
        if (field is not null)
        {
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return await problems.TryWriteAsync(context);
    }

    private static (string Title, string Detail, string? Field) Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("The request body is too large.", bad.Message, null);
        }

        if (bad.InnerException is JsonException json)
        {
            var field = JsonPaths.ToField(json.Path);
            var detail = field is null
                ? "The request body is not valid JSON."
                : $"The value of '{field}' is not valid here (wrong type, a fraction where a whole number of minor units is expected, or malformed JSON).";
            return ("The request body could not be read.", detail, field);
        }

        return ("The request could not be read.", bad.Message, null);
    }
}

internal static class JsonPaths
{
    /// <summary>"$.lines[0].unitPrice" → "lines[0].unitPrice"; the root itself → null.</summary>
    public static string? ToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}

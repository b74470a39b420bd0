using Microsoft.AspNetCore.Http.HttpResults;

namespace Ombud.Platform.Http;

/// <summary>The one place a <see cref="DomainError"/> becomes an RFC 9457 problem response.</summary>
public static class Problems
{
    public static IResult ToProblem(this DomainError error) => error switch
    {
        Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, invalid.Detail, title: "The request has invalid fields."),
        MissingReference missing => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [missing.Field] = [missing.Detail] },
            "One or more fields are invalid.", title: "The request has invalid fields."),
        NotFound notFound => TypedResults.Problem(notFound.Detail, statusCode: StatusCodes.Status404NotFound, title: "Not found."),
        Conflict conflict => TypedResults.Problem(conflict.Detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict with the current state."),
        TooLarge tooLarge => TypedResults.Problem(tooLarge.Detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [tooLarge.Field] = [tooLarge.Message] } }),
        Forbidden forbidden => TypedResults.Problem(forbidden.Detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden."),
        TooMany tooMany => TypedResults.Problem(tooMany.Detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many."),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Unmapped domain error."),
    };

    /// <summary>Maps an outcome: its value through <paramref name="onSuccess"/>, its error to a problem.</summary>
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> onSuccess) =>
        outcome.Succeeded ? onSuccess(outcome.Value!) : outcome.Error!.ToProblem();

    public static ProblemHttpResult Status(int statusCode, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: statusCode, title: title);
}

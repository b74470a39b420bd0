using Microsoft.AspNetCore.Http.Metadata;

namespace Ombud.Platform.Http;

/// <summary>
/// Refuses bodies over the limit from their Content-Length before anything reads them. Kestrel enforces the same
/// limit on streamed bodies; this also covers hosts that do not (the in-process test host) and answers with a
/// problem. Runs after routing, so an endpoint that takes files can raise its own limit with RequestSizeLimit metadata.
/// </summary>
internal static class BodySizeLimit
{
    public const long DefaultBytes = 1024 * 1024;

    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultBytes;
            if (context.Request.ContentLength > limit)
            {
                await Problems.Status(StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                        $"The body has {context.Request.ContentLength} bytes; at most {limit} are accepted.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}

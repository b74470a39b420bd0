using Ombud.Platform.Storage;

namespace Ombud.Platform.Http;

/// <summary>
/// Marks each HTTP request's <see cref="WriteTurn"/>: in the lane its endpoint names (<see cref="QueuesInAttribute"/>,
/// e.g. an agent answering an offer), else a request that a full write gate may turn away with a 503
/// (<see cref="DatabaseBusyHandler"/>). A page's interactive circuit is not an HTTP request and is never turned away.
/// </summary>
internal static class WriteTurns
{
    public static void UseWriteTurns(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            QueuesInAttribute.Mark(context.RequestServices.GetRequiredService<WriteTurn>(), context.GetEndpoint()?.Metadata.GetMetadata<QueuesInAttribute>());
            return next(context);
        });
}

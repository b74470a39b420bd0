using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Realtime;

/// <summary>
/// Marks each hub call's <see cref="WriteTurn"/> as its hub class says (<see cref="QueuesInAttribute"/>: the agent
/// console's answers go first), else as a request a full write gate may turn away; and answers a call turned away with
/// a refusal the client can read and retry, nothing changed, instead of a generic hub error.
/// </summary>
internal sealed class WriteTurnHubFilter : IHubFilter
{
    public const string Refusal = $"{WriteGateFullException.Advice} in a few seconds.";

    private static readonly ConcurrentDictionary<Type, QueuesInAttribute?> Lanes = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        Mark(invocationContext.Hub, invocationContext.ServiceProvider);
        try
        {
            return await next(invocationContext);
        }
        catch (WriteGateFullException)
        {
            throw new HubException(Refusal);
        }
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        Mark(context.Hub, context.ServiceProvider);
        return next(context);
    }

    private static void Mark(Hub hub, IServiceProvider services) =>
        QueuesInAttribute.Mark(services.GetRequiredService<WriteTurn>(), Lanes.GetOrAdd(hub.GetType(), type => type.GetCustomAttribute<QueuesInAttribute>()));
}

using Microsoft.AspNetCore.SignalR;

namespace Ombud.Platform.Realtime;

/// <summary>
/// Logs a hub method that failed on the server (anything but a <see cref="HubException"/>, which is a refusal the hub
/// gives the caller on purpose) at Error, with the exception. SignalR itself logs these at Debug only and tells the
/// client no more than "an unexpected error occurred", so without this an operator would never see why.
/// </summary>
internal sealed partial class HubFailureLog(ILogger<HubFailureLog> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocation);
        }
        catch (Exception failure) when (failure is not HubException && !invocation.Context.ConnectionAborted.IsCancellationRequested)
        {
            LogFailed(logger, failure, invocation.Hub.GetType().Name, invocation.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Hub}.{Method} failed on the server")]
    private static partial void LogFailed(ILogger logger, Exception failure, string hub, string method);
}

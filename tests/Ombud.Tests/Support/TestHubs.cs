using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Tests.Web;

namespace Ombud.Tests.Support;

/// <summary>A real SignalR connection to one of the app's hubs over WebSockets on the in-process server, carrying a browser's sign-in cookie.</summary>
internal static class TestHubs
{
    public static async Task<HubConnection> ConnectAsync(OmbudTestApp app, WebSession session, string path)
    {
        var server = (TestServer)app.Services.GetRequiredService<IServer>();
        var cookie = session.CookieHeader;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri($"http://localhost{path}"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, ct) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers.Cookie = cookie;
                    return await client.ConnectAsync(context.Uri, ct);
                };
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        await connection.StartAsync();
        return connection;
    }

    /// <summary>The same to a hub of a real node (an <c>ombud serve</c> process), not started yet: the caller subscribes first.</summary>
    public static HubConnection Build(Uri node, string cookie, string path)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node, path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Headers["Cookie"] = cookie;
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        return connection;
    }
}

using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Ombud.Bench.Assistant.Chat;

/// <summary>A browser's SignalR connection to one of Ombud's hubs: WebSockets straight away, with the signed-in person's cookies.</summary>
internal static class BenchHub
{
    public static async Task<HubConnection> ConnectAsync(Uri hub, CookieContainer cookies, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hub, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Cookies = cookies;
            })
            .Build();
        // Under a heavy load an answer may queue for a while; that is a figure to report, not a dropped connection.
        connection.ServerTimeout = TimeSpan.FromMinutes(5);
        await connection.StartAsync(ct);
        return connection;
    }
}

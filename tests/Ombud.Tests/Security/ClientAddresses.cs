using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ombud.Tests.Security;

/// <summary>
/// The test server has no sockets, so no remote address: this makes every request arrive from a loopback proxy, the
/// one proxy a node trusts by default. A test then plays clients at different addresses with <c>X-Forwarded-For</c>.
/// </summary>
internal sealed class ClientAddresses(IPAddress connectedFrom) : IStartupFilter
{
    public const string Header = "X-Forwarded-For";

    /// <summary>Every request comes through a proxy on loopback.</summary>
    public static void Behind(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter>(new ClientAddresses(IPAddress.Loopback));

    /// <summary>Every request comes straight from <paramref name="address"/>, no proxy in between.</summary>
    public static Action<WebApplicationBuilder> Direct(string address) =>
        builder => builder.Services.AddSingleton<IStartupFilter>(new ClientAddresses(IPAddress.Parse(address)));

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext http, RequestDelegate nextStep) =>
        {
            http.Connection.RemoteIpAddress ??= connectedFrom;
            return nextStep(http);
        });
        next(app);
    };

    public static HttpRequestMessage From(string address, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add(Header, address);
        return request;
    }
}

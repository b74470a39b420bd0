using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Tests.Support;

namespace Ombud.Tests.Web;

/// <summary>
/// A person's browser, minus the rendering: keeps cookies, does not follow redirects (tests assert on them), and
/// posts forms with the antiforgery token of the last page it read, as a real form would.
/// </summary>
internal sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _client;
    private readonly CookieHandler _handler;
    private string? _antiforgeryToken;

    /// <param name="origin">Where the browser thinks it is; an https origin keeps and sends secure cookies.</param>
    public WebSession(OmbudTestApp app, string origin = "http://localhost")
    {
        var server = (TestServer)app.Services.GetRequiredService<IServer>();
        _handler = new CookieHandler { InnerHandler = server.CreateHandler() };
        _client = new HttpClient(_handler) { BaseAddress = new Uri(origin) };
    }

    /// <summary>A browser on a real node (an <c>ombud serve</c> process) at <paramref name="nodeUrl"/>.</summary>
    public WebSession(Uri nodeUrl)
    {
        _handler = new CookieHandler { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } };
        _client = new HttpClient(_handler) { BaseAddress = nodeUrl, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The browser's client, cookies and all, for calling the JSON API as the signed-in person.</summary>
    public HttpClient Http => _client;
    /// <summary>The cookies this browser would send, for clients that are not HTTP requests (a SignalR connection).</summary>
    public string CookieHeader => _handler.Header(_client.BaseAddress is { Scheme: "http" } plain ? plain : new Uri("http://localhost/"));

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        if (AntiforgeryField().Match(html) is { Success: true } match)
        {
            _antiforgeryToken = WebUtility.HtmlDecode(match.Groups[1].Value);
        }

        return response;
    }

    public async Task<string> GetPageAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form the way the page's own form does; <paramref name="withToken"/> false plays a cross-site form.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields);
        if (withToken)
        {
            form["__RequestVerificationToken"] = _antiforgeryToken
                ?? throw new InvalidOperationException("No antiforgery token yet: GET the page with the form first.");
        }

        return _client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null)
    {
        await GetPageAsync(returnUrl is null ? "/signin" : $"/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        var fields = new Dictionary<string, string> { ["email"] = email, ["password"] = password };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        return await PostFormAsync("/account/signin", fields);
    }

    /// <summary>
    /// Reads the person's home page and sends its antiforgery token with every later request, as the site's own
    /// scripts would: calls that ride on the cookie and upload files need it.
    /// </summary>
    public async Task SendPageTokenAsync()
    {
        var home = await GetAsync("/");
        if (home.StatusCode == HttpStatusCode.Redirect)
        {
            await GetPageAsync(Location(home));
        }

        _client.DefaultRequestHeaders.Remove("RequestVerificationToken");
        _client.DefaultRequestHeaders.Add("RequestVerificationToken", _antiforgeryToken
            ?? throw new InvalidOperationException("The home page carried no antiforgery token."));
    }

    /// <summary>Where a redirect points, as a path: Blazor's redirects are absolute, the endpoints' relative.</summary>
    public static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"Not a redirect: {(int)response.StatusCode}.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>The figure a page shows on the stat card labelled <paramref name="label"/>.</summary>
    public static string Stat(string html, string label)
    {
        var match = Regex.Match(html, $"data-stat=\"{Regex.Escape(label)}\">\\s*<span[^>]*>([^<]*)</span>");
        Assert.True(match.Success, $"No stat card '{label}' on the page.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The test server's handler keeps no cookies of its own.</summary>
    private sealed class CookieHandler : DelegatingHandler
    {
        private readonly CookieContainer _cookies = new();

        public string Header(Uri uri) => _cookies.GetCookieHeader(uri);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = _cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var cookie in setCookies)
                {
                    _cookies.SetCookies(request.RequestUri!, cookie);
                }
            }

            return response;
        }
    }
}

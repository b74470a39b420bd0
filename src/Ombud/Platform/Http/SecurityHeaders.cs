using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ombud.Platform.Http;

/// <summary>Section <c>Ombud:ForwardedHeaders</c>: the proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> this node believes.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "Ombud:ForwardedHeaders";

    /// <summary>Addresses of trusted proxies; loopback is always trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form (<c>10.0.0.0/8</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// What every response says about how a browser may treat it: a content security policy (scripts from this origin and
/// the page's own nonce only, no plugins, no framing by others, forms posted here only), <c>Referrer-Policy</c>,
/// <c>X-Content-Type-Options</c>, and HSTS over HTTPS. Behind a proxy, the forwarded headers of a trusted proxy make the
/// request HTTPS, so the cookies get <c>Secure</c> and HSTS goes out.
/// </summary>
internal static class SecurityHeaders
{
    private const string NonceKey = "ombud.csp-nonce";

    public static void AddSecurityHeaders(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
    }

    /// <summary>Runs first: the rest of the pipeline sees the client's address and scheme, and every answer carries the headers.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseHsts();
        app.Use((http, next) =>
        {
            // The context travels as the callback's state, so no closure is made per request.
            http.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = Policy(context);
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            }, http);
            return next(http);
        });
    }

    /// <summary>The nonce this response's inline scripts carry (Blazor's import map); made on first use.</summary>
    public static string Nonce(HttpContext http)
    {
        if (http.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    /// <summary>
    /// What an API answer (JSON, CSV, problem details) gets: no page runs from it, so its scripts are this origin's only,
    /// with no nonce to make. One string for every such answer: the API is most of a node's requests.
    /// </summary>
    private static readonly string ApiPolicy = PolicyWith("'self'");

    /// <summary>The API reference page (Scalar) configures itself with an inline script.</summary>
    private static readonly string ScalarPolicy = PolicyWith("'self' 'unsafe-inline'");

    private static string Policy(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return ApiPolicy;
        }

        return path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase) ? ScalarPolicy : PolicyWith($"'self' 'nonce-{Nonce(http)}'");
    }

    // MudBlazor positions and colours components with style attributes, so inline styles stay allowed.
    private static string PolicyWith(string scripts) =>
        $"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
}

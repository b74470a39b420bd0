namespace Ombud.Platform.Http;

/// <summary>
/// A browser sends the sign-in cookie with requests that another site's page starts, including pages on another port of
/// the same host (same site, so SameSite does not stop them), and WebSockets are not bound by CORS. So a request that
/// rides on the cookie (no API key) and changes something, or opens a hub or circuit connection, must come from this
/// origin: the browser's own <c>Sec-Fetch-Site</c> and <c>Origin</c> headers say where it came from, and either one
/// naming another origin is refused with 403. Clients that are not browsers send neither and are not affected; API keys
/// are not ambient credentials and are never checked. <c>Ombud:AllowedOrigins</c> adds origins (a proxy that rewrites
/// the Host header).
/// </summary>
internal static class CrossOriginGuard
{
    public const string Setting = "Ombud:AllowedOrigins";

    private static readonly string[] Connections = ["/hubs", "/_blazor"];

    public static void UseCrossOriginGuard(this WebApplication app)
    {
        var allowed = app.Configuration.GetSection(Setting).Get<string[]>() ?? [];
        app.Use((http, next) =>
        {
            if (!Guarded(http.Request) || FromHere(http.Request, allowed))
            {
                return next(http);
            }

            return Problems.Status(StatusCodes.Status403Forbidden, "Cross-origin request refused.",
                    "A request made with the sign-in cookie must come from this site's own pages.")
                .ExecuteAsync(http);
        });
    }

    private static bool Guarded(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/signin-oidc", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
               || Connections.Any(c => request.Path.StartsWithSegments(c, StringComparison.OrdinalIgnoreCase));
    }

    private static bool FromHere(HttpRequest request, string[] allowed)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        var own = $"{request.Scheme}://{request.Host.ToUriComponent()}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
               || allowed.Any(a => string.Equals(origin, a.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}
